// `perflab baseline accept|show`: the audited act of saying "this is the new normal".
import { Command } from 'commander';
import { textTable } from '../../engine/report/text-table.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { Baseline } from '../../engine/model.js';
import { formatMeasure } from '../../engine/report/format-measure.js';
import { addOutputOptions, cliActor, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';

export function baselineCommand(): Command {
  const baseline = new Command('baseline').description('accept or show baselines');

  const accept = new Command('accept')
    .description("accept each case's latest result on this machine as its new baseline")
    .argument('[caseId...]', 'case ids, e.g. json/parse')
    .option('--all', 'every case that has results on this machine')
    .option('--reason <text>', 'why (kept in the audit log)', 'accepted from the CLI');
  addOutputOptions(accept);
  documentExitCodes(accept, { [ExitCode.UserError]: 'no case given, or a case with no results on this machine' });
  accept.action(async (caseIds: string[], flags: OutputFlags & { all?: boolean; reason: string }) => {
    if (!flags.all && caseIds.length === 0) throw new PerflabError(ErrorCode.Config, 'name at least one case id, or use --all');
    if (flags.all && caseIds.length > 0) throw new PerflabError(ErrorCode.Config, 'give case ids or --all, not both');
    const accepted = await withLab({ store: flags.store }, (lab) => lab.acceptLatest(flags.all ? 'all' : caseIds, cliActor(), flags.reason));
    await writeOutput(flags, { accepted }, () =>
      accepted.map((b) => `${b.caseId}: baseline is now ${formatMeasure(b.median, b.unit)} (run ${b.runId}${b.commit ? `, ${b.commit.slice(0, 12)}` : ''})\n`).join(''),
    );
  });

  const show = new Command('show').description('show baselines on this machine').argument('[caseId]', 'one case, with its earlier baselines');
  addOutputOptions(show);
  documentExitCodes(show, { [ExitCode.UserError]: 'no baseline for that case (the known cases are listed)' });
  show.action(async (caseId: string | undefined, flags: OutputFlags) => {
    await withLab({ store: flags.store }, async (lab) => {
      const rows = caseId ? [...(await lab.baselineHistory(caseId))].reverse() : await lab.baselines();
      if (rows.length === 0 && caseId) {
        const known = await lab.knownCases();
        throw new PerflabError(ErrorCode.CaseNotFound, `no baseline for "${caseId}" on ${lab.machine}${known.length ? `; known cases: ${known.join(', ')}` : ''}`);
      }
      await writeOutput(flags, { machine: lab.machine, baselines: rows }, () => (rows.length === 0 ? `No baselines on ${lab.machine} yet: run \`perflab run\` first.\n` : baselineTable(rows)));
    });
  });

  return baseline.addCommand(accept).addCommand(show);
}

function baselineTable(rows: readonly Baseline[]): string {
  const table = textTable(['case', 'median', 'run', 'commit', 'accepted by', 'when', 'why']);
  for (const b of rows) table.push([b.caseId, formatMeasure(b.median, b.unit), b.runId, b.commit?.slice(0, 12) ?? '', b.acceptedBy, b.acceptedAt.replace('T', ' ').slice(0, 19), b.reason]);
  return `${table.toString()}\n`;
}
