// `perflab history <caseId>`: how a case moved, run by run.
import { Command } from 'commander';
import { textTable } from '../../engine/report/text-table.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { formatMeasure } from '../../engine/report/format-measure.js';
import { addStoreOption, machineName, withStore } from '../context.js';
import { parsePositiveInt } from '../parse-number.js';

export function historyCommand(): Command {
  const command = new Command('history')
    .description("a case's results on this machine, oldest first")
    .argument('<caseId>', 'e.g. json/parse')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'only the newest N entries', parsePositiveInt, 50)
    .option('--all-machines', 'include results from other machines');
  addStoreOption(command);
  return command.action(async (caseId: string, flags: { json?: boolean; limit: number; allMachines?: boolean; store?: string }) => {
    await withStore(flags.store, async (store) => {
      const entries = await store.history(caseId, { limit: flags.limit, ...(flags.allMachines ? {} : { machine: machineName() }) });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ caseId, entries }, null, 2)}\n`);
        return;
      }
      if (entries.length === 0) throw new PerflabError(ErrorCode.CaseNotFound, `no history for "${caseId}"${flags.allMachines ? '' : ` on ${machineName()}`}`);
      const baseline = (await store.getBaseline(caseId, machineName()));
      const table = textTable(['when', 'run', 'commit', 'median', 'cv', 'verdict', '']);
      for (const e of entries) {
        table.push([
          e.at.replace('T', ' ').slice(0, 19),
          e.runId,
          e.commit?.slice(0, 12) ?? '',
          formatMeasure(e.median, e.unit),
          e.cv !== undefined ? `${(e.cv * 100).toFixed(1)}%` : '',
          e.verdict ?? e.state,
          baseline?.runId === e.runId ? 'baseline' : '',
        ]);
      }
      console.log(table.toString());
    });
  });
}
