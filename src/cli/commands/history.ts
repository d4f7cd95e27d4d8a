// `perflab history <caseId>`: how a case moved, run by run.
import { Command } from 'commander';
import { textTable } from '../../engine/report/text-table.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { formatMeasure } from '../../engine/report/format-measure.js';
import type { HistoryEntry } from '../../engine/store/store.js';
import { addOutputOptions, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';

export function historyCommand(): Command {
  const command = new Command('history')
    .description("a case's results on this machine, oldest first")
    .argument('<caseId>', 'e.g. json/parse')
    .option('--limit <n>', 'only the newest N entries', parsePositiveInt, 50)
    .option('--all-machines', 'include results from other machines');
  addOutputOptions(command);
  documentExitCodes(command, { [ExitCode.UserError]: 'no history for that case (the known cases are listed)' });
  return command.action(async (caseId: string, flags: OutputFlags & { limit: number; allMachines?: boolean }) => {
    await withLab({ store: flags.store }, async (lab) => {
      const entries = await lab.history(caseId, { limit: flags.limit, ...(flags.allMachines ? { allMachines: true } : {}) });
      if (entries.length === 0 && flags.json !== true) {
        const known = await lab.knownCases();
        throw new PerflabError(ErrorCode.CaseNotFound, `no history for "${caseId}"${flags.allMachines ? '' : ` on ${lab.machine}`}${known.length ? `; known cases: ${known.join(', ')}` : ''}`);
      }
      const { current: baseline } = await lab.baseline(caseId);
      await writeOutput(flags, { caseId, entries }, () => historyTable(entries, baseline?.runId));
    });
  });
}

function historyTable(entries: readonly HistoryEntry[], baselineRunId: string | undefined): string {
  const table = textTable(['when', 'run', 'commit', 'median', 'cv', 'verdict', '']);
  for (const e of entries) {
    table.push([
      e.at.replace('T', ' ').slice(0, 19),
      e.runId,
      e.commit?.slice(0, 12) ?? '',
      formatMeasure(e.median, e.unit),
      e.cv !== undefined ? `${(e.cv * 100).toFixed(1)}%` : '',
      e.verdict ?? e.state,
      baselineRunId === e.runId ? 'baseline' : '',
    ]);
  }
  return `${table.toString()}\n`;
}
