// One look for every table perflab prints: no colours in borders, no rules between rows.
import Table from 'cli-table3';

export function textTable(head: string[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
}
