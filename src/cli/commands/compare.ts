// `perflab compare <refA> <refB>`: the candidate comparison from a terminal.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { textTable } from '../../engine/report/text-table.js';
import pc from 'picocolors';
import { formatRatio } from '../../engine/report/format-duration.js';
import { reportedChange } from '../../engine/model/comparison.js';
import type { CompareRefsReport } from '../../modes/bench/compare-refs.js';
import { addOutputOptions, cliTrigger, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { runJob } from '../run-job.js';

interface CompareFlags extends OutputFlags {
  repo: string;
  suites: string;
  filter?: string;
  failOnRegression?: boolean;
  timeBudget?: number;
}

export function compareCommand(): Command {
  const command = new Command('compare')
    .description('measure two commits interleaved and report the change of every case (B relative to A)')
    .argument('<refA>', 'the reference, e.g. main')
    .argument('<refB>', 'the candidate, e.g. my-branch')
    .option('--repo <path>', 'the git repository', '.')
    .option('--suites <dir>', 'suites directory inside the repository', 'suites')
    .option('--filter <pattern>', 'only cases whose id matches')
    .option('--fail-on-regression', 'exit with code 1 when B is confirmed slower')
    .option('--time-budget <ms>', 'time budget per case run (overrides suites)', parsePositiveInt);
  addOutputOptions(command);
  documentExitCodes(command, { [ExitCode.Regression]: 'B is confirmed slower, with --fail-on-regression', [ExitCode.Interrupted]: 'stopped with Ctrl-C' });
  return command.action(async (refA: string, refB: string, flags: CompareFlags) => {
    const tty = process.stderr.isTTY === true && !flags.quiet;
    const { end, interrupted } = await withLab({ store: flags.store, suites: resolve(flags.repo, flags.suites), ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}) }, (lab) =>
      runJob(lab, 'compare', { refA, refB, ...(flags.filter ? { pattern: flags.filter } : {}) }, cliTrigger(), {
        finished: 'compare-finished',
        onSigint: 'stopping the comparison',
        onEvent: (event) => {
          if (tty && event.type === 'compare-progress') process.stderr.write(`\r\x1b[2K${event.caseId}: ${event.side === 'baseline' ? 'A' : 'B'} ${event.done}/${event.target}`);
        },
      }),
    );
    if (tty) process.stderr.write('\r\x1b[2K');
    if (end.type === 'cancelled' || interrupted) return void (process.exitCode = ExitCode.Interrupted);
    const { report } = end;
    await writeOutput(flags, report, () => humanCompare(report, refA, refB));
    if (report.suiteErrors.length > 0 || report.comparisons.some((c) => c.verdict === 'errored')) process.exitCode = ExitCode.UserError;
    else if (flags.failOnRegression && report.comparisons.some((c) => c.verdict === 'regressed')) process.exitCode = ExitCode.Regression;
  });
}

function humanCompare(report: CompareRefsReport, refA: string, refB: string): string {
  const out = [pc.bold(`${refB} (${report.commitB.slice(0, 12)}) relative to ${refA} (${report.commitA.slice(0, 12)})`)];
  const table = textTable(['case', 'ratio B/A', 'CI', 'p', 'runs/side', 'verdict']);
  for (const c of report.comparisons) {
    const ch = reportedChange(c);
    table.push([c.caseId, ch ? formatRatio(ch.ratio) : '', ch ? `${formatRatio(ch.ciLow)} … ${formatRatio(ch.ciHigh)}` : '', ch ? ch.pValue.toPrecision(2) : '', ch ? String(ch.runs) : '', c.verdict]);
  }
  out.push(table.toString());
  for (const c of report.comparisons) if (c.verdict !== 'unchanged') out.push(`${c.caseId}: ${c.reason}`);
  if (report.onlyA.length) out.push(pc.dim(`only in ${refA}: ${report.onlyA.join(', ')}`));
  if (report.onlyB.length) out.push(pc.dim(`only in ${refB}: ${report.onlyB.join(', ')}`));
  for (const e of report.suiteErrors) out.push(pc.red(`✗ (${e.side === 'A' ? refA : refB}) ${e.file}: ${e.error.message}`));
  return `${out.join('\n')}\n`;
}
