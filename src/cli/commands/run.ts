// `perflab run`: measure the suites, judge against baselines, print and record —
// as a job of the lab, queued and audited like one asked for from Slack.
import { Command } from 'commander';
import pc from 'picocolors';
import { formatTable } from '../../engine/report/format-table.js';
import { resultJson } from '../../engine/report/result-json.js';
import type { BenchReport } from '../../modes/bench/run-bench.js';
import { pageLine } from '../page-link.js';
import { addOutputOptions, cliTrigger, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { progressPrinter } from '../progress.js';
import { runJob } from '../run-job.js';

interface RunFlags extends OutputFlags {
  suites: string;
  filter?: string;
  commit?: string;
  ref?: string;
  failOnRegression?: boolean;
  timeBudget?: number;
  minSamples?: number;
  canary: boolean;
}

export function runCommand(): Command {
  const command = new Command('run')
    .description('run the benchmark suites, compare with the baselines, record the results')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--filter <pattern>', 'only cases whose id matches: a glob (json/*) or a substring')
    .option('--ref <ref>', 'measure the suites as they are at this git ref (in a temporary worktree)')
    .option('--commit <sha>', 'record the run under this commit (default: HEAD of the suites checkout)')
    .option('--fail-on-regression', 'exit with code 1 when a regression is confirmed')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt)
    .option('--min-samples <n>', 'at least this many samples per case (overrides suites)', parsePositiveInt)
    .option('--no-canary', 'skip the canary (then no run is marked environment-suspect)');
  addOutputOptions(command);
  documentExitCodes(command, { [ExitCode.Regression]: 'a confirmed regression, with --fail-on-regression', [ExitCode.Interrupted]: 'stopped with Ctrl-C; what was measured is judged and recorded' });
  return command.action(async (flags: RunFlags) => {
    process.exitCode = await run(flags);
  });
}

async function run(flags: RunFlags): Promise<ExitCode> {
  const overrides = { ...(flags.timeBudget ? { timeBudgetMs: flags.timeBudget } : {}), ...(flags.minSamples ? { minSamples: flags.minSamples } : {}) };
  const progress = flags.quiet || flags.json === true ? undefined : progressPrinter();
  const { end, interrupted } = await withLab({ store: flags.store, suites: flags.suites, overrides, canary: flags.canary }, (lab) =>
    runJob(lab, 'run', { ...(flags.filter ? { pattern: flags.filter } : {}), ...(flags.ref ? { ref: flags.ref } : {}), ...(flags.commit ? { commit: flags.commit } : {}) }, cliTrigger(), {
      finished: 'run-finished',
      onSigint: 'recording what was measured',
      onEvent: (event) => {
        if (event.type === 'progress') progress?.(event.progress);
      },
    }),
  );
  const report = end.report;
  // Cancelled before anything was measured: nothing to print.
  if (!report) return ExitCode.Interrupted;
  await writeOutput(flags, reportJson(report), () => humanReport(report) + pageLine({ page: 'run', runId: report.run.id }));
  if (interrupted) return ExitCode.Interrupted;
  return exitCode(report, flags.failOnRegression === true);
}

export function reportJson(report: BenchReport) {
  return {
    run: report.run,
    environment: report.run.environment,
    canary: report.canary ? resultJson(report.canary.result, report.canary.comparison) : null,
    results: report.entries.map((e) => resultJson(e.result, e.comparison)),
    suiteErrors: report.suiteErrors,
    alerts: report.alerts,
  };
}

export function humanReport(report: BenchReport): string {
  const out: string[] = [];
  const { run } = report;
  out.push(pc.bold(`run ${run.id}`) + pc.dim(` · ${run.commit ? run.commit.slice(0, 12) : 'no commit'}${run.dirty ? ' (dirty)' : ''} · ${run.machine}`));
  if (report.entries.length > 0) out.push(formatTable(report.entries));
  else if (report.suiteErrors.length === 0) out.push('No cases matched. Check --suites and --filter.');
  if (run.environment === 'suspect' && report.canary) out.push(pc.yellow(`⚠ environment-suspect: ${report.canary.comparison.reason}`));
  for (const { file, error } of report.suiteErrors) out.push(pc.red(`✗ ${file}: ${error.message}`));
  for (const e of report.entries) {
    if (e.comparison.verdict === 'regressed' || e.comparison.verdict === 'improved' || e.comparison.verdict === 'unstable') {
      out.push(`${e.comparison.verdict === 'regressed' ? pc.red('▲') : e.comparison.verdict === 'improved' ? pc.green('▼') : pc.yellow('~')} ${e.caseId}: ${e.comparison.reason}`);
    }
  }
  // What the history shows beyond this run's verdicts (raiseAlerts).
  for (const alert of report.alerts) {
    if (alert.kind === 'drift') out.push(`${pc.yellow('↗')} ${alert.drift.caseId} drifted ${alert.drift.summary} (p ${alert.drift.pValue.toExponential(1)}; no run was flagged for it): alert ${alert.id}`);
    else if (alert.state === 'fixed') out.push(`${pc.green('✓')} fixed: ${alert.caseIds.join(', ')} back at the old level, alert ${alert.id} closed`);
    else if (alert.kind === 'machine-changed') out.push(pc.yellow(`⚙ the canary stayed moved: its new level is now its baseline (${report.canary?.comparison.reason ?? 'see the audit log'})`));
  }
  const regressions = report.entries.filter((e) => e.comparison.verdict === 'regressed').map((e) => e.caseId);
  if (regressions.length > 0) out.push(pc.dim(`Accept as the new baseline if intended: perflab baseline accept ${regressions.join(' ')} --reason "…"`));
  return `${out.join('\n')}\n`;
}

function exitCode(report: BenchReport, failOnRegression: boolean): ExitCode {
  if (report.suiteErrors.length > 0 || report.entries.some((e) => e.comparison.verdict === 'errored')) return ExitCode.UserError;
  if (failOnRegression && report.entries.some((e) => e.comparison.verdict === 'regressed')) return ExitCode.Regression;
  return ExitCode.Ok;
}
