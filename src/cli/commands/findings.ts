// `perflab findings`: what fuzz and stress runs found, deduplicated, with
// their state (new → known → fixed, or regressed) and how often each was seen.
import { Command, Option } from 'commander';
import type { FindingState } from '../../engine/model.js';
import { textTable } from '../../engine/report/text-table.js';
import { addStoreOption, withStore } from '../context.js';

const STATES: FindingState[] = ['new', 'known', 'fixed', 'regressed'];

export function findingsCommand(): Command {
  const command = new Command('findings')
    .description('list fuzz and stress findings, oldest first')
    .addOption(new Option('--state <state>', 'only findings in this state').choices(STATES))
    .option('--json', 'print JSON (with the full evidence)');
  addStoreOption(command);
  return command.action(async (flags: { state?: FindingState; json?: boolean; store?: string }) => {
    await withStore(flags.store, async (store) => {
      const findings = (await store.listFindings(flags.state ? { state: flags.state } : {}));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
        return;
      }
      if (findings.length === 0) {
        process.stdout.write(`No findings${flags.state ? ` in state ${flags.state}` : ''}.\n`);
        return;
      }
      const table = textTable(['id', 'state', 'case', 'kind', 'title', 'seen', 'last seen']);
      for (const f of findings) {
        table.push([f.id, `${f.state}${f.flaky ? ' (flaky)' : ''}`, f.caseId, f.kind, truncate(f.title, 60), `${f.count}×`, f.lastSeen.at.replace('T', ' ').slice(0, 16)]);
      }
      process.stdout.write(`${table.toString()}\nReplay one: perflab fuzz --replay <id>\n`);
    });
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
