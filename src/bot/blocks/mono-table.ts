// Tables for Slack threads: aligned columns in a ``` block, split into as
// many blocks as needed so that each stays within a section's 3000 characters
// (counted after escaping), with the heading repeated at the top of each.
import { LIMITS } from './block-kit.js';
import { codeBlock } from './escape-mrkdwn.js';
import { oneLine, truncate } from './truncate.js';

export interface MonoColumn {
  title: string;
  /** Longest cell, in characters; longer cells are cut with "…". */
  max: number;
  align?: 'left' | 'right';
}

/** Lines of an aligned table: the heading, then one line per row. */
export function monoTable(columns: readonly MonoColumn[], rows: readonly (readonly string[])[]): { head: string; lines: string[] } {
  const cells = rows.map((row) => columns.map((col, i) => truncate(oneLine(row[i] ?? ''), col.max)));
  const widths = columns.map((col, i) => Math.max(width(col.title), ...cells.map((row) => width(row[i] ?? ''))));
  const render = (row: readonly string[]): string =>
    columns
      .map((col, i) => pad(row[i] ?? '', widths[i] ?? 0, col.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return { head: render(columns.map((c) => c.title)), lines: cells.map(render) };
}

/** ``` blocks of whole lines, each at most `max` characters once escaped. */
export function codeBlockChunks(head: string, lines: readonly string[], max: number = LIMITS.sectionText): string[] {
  const budget = max - codeBlock('').length;
  const size = (line: string): number => codeBlock(line).length - codeBlock('').length + 1;
  const chunks: string[] = [];
  let current: string[] = [head];
  let used = size(head);
  for (const raw of lines) {
    const line = size(raw) > budget / 2 ? truncate(raw, Math.floor(budget / 12)) : raw;
    if (used + size(line) > budget && current.length > 1) {
      chunks.push(codeBlock(current.join('\n')));
      current = [head];
      used = size(head);
    }
    current.push(line);
    used += size(line);
  }
  if (current.length > 1 || chunks.length === 0) chunks.push(codeBlock(current.join('\n')));
  return chunks;
}

function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, to: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return align === 'right' ? fill + text : text + fill;
}
