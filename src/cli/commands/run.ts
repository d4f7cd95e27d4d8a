// `perflab run`: measure the suites, judge against baselines, print and record.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { describeCheckout } from '../../engine/git/git.js';
import { caseFilter } from '../../engine/suite/case-filter.js';
import { formatTable } from '../../engine/report/format-table.js';
import { resultJson } from '../../engine/report/result-json.js';
import { runBench, type BenchReport } from '../../modes/bench/run-bench.js';
import { addStoreOption, cliActor, machineName, withStore } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { progressPrinter } from '../progress.js';
import { stopOnSigint } from '../stop-on-sigint.js';

interface RunFlags {
  suites: string;
  filter?: string;
  json?: string | true;
  store?: string;
  commit?: string;
  failOnRegression?: boolean;
  timeBudget?: number;
  minSamples?: number;
  canary: boolean;
  quiet?: boolean;
}

export function runCommand(): Command {
  const command = new Command('run')
    .description('run the benchmark suites, compare with the baselines, record the results')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--filter <pattern>', 'only cases whose id matches: a glob (json/*) or a substring')
    .addOption(new Option('--json [file]', 'write results as JSON to FILE, or to stdout instead of the table'))
    .option('--commit <sha>', 'record the run under this commit (default: HEAD of the suites checkout)')
    .option('--fail-on-regression', 'exit with code 1 when a regression is confirmed')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt)
    .option('--min-samples <n>', 'at least this many samples per case (overrides suites)', parsePositiveInt)
    .option('--no-canary', 'skip the canary (then no run is marked environment-suspect)')
    .option('-q, --quiet', 'no progress on stderr');
  addStoreOption(command);
  return command.action(async (flags: RunFlags) => {
    process.exitCode = await run(flags);
  });
}

async function run(flags: RunFlags): Promise<ExitCode> {
  const suitesDir = resolve(flags.suites);
  // Ctrl-C stops measuring but still records what was measured and removes temporary worktrees.
  const stopped = stopOnSigint('recording what was measured');
  const checkout = await describeCheckout(suitesDir);
  const report = await withStore(flags.store, (store) =>
    runBench({
      suitesDir,
      filter: caseFilter(flags.filter),
      store,
      machine: machineName(),
      trigger: { kind: 'cli', by: cliActor() },
      checkout,
      ...(flags.commit ? { commit: flags.commit } : {}),
      overrides: {
        ...(flags.timeBudget ? { timeBudgetMs: flags.timeBudget } : {}),
        ...(flags.minSamples ? { minSamples: flags.minSamples } : {}),
      },
      canary: flags.canary,
      signal: stopped,
      ...(flags.quiet ? {} : { onProgress: progressPrinter() }),
    }),
  );

  const json = JSON.stringify(reportJson(report), null, 2);
  if (flags.json === true) process.stdout.write(`${json}\n`);
  else {
    if (typeof flags.json === 'string') await writeFile(flags.json, `${json}\n`);
    process.stdout.write(humanReport(report));
  }
  if (stopped.aborted) return ExitCode.Interrupted;
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
  const regressions = report.entries.filter((e) => e.comparison.verdict === 'regressed').map((e) => e.caseId);
  if (regressions.length > 0) out.push(pc.dim(`Accept as the new baseline if intended: perflab baseline accept ${regressions.join(' ')} --reason "…"`));
  return `${out.join('\n')}\n`;
}

function exitCode(report: BenchReport, failOnRegression: boolean): ExitCode {
  if (report.suiteErrors.length > 0 || report.entries.some((e) => e.comparison.verdict === 'errored')) return ExitCode.UserError;
  if (failOnRegression && report.entries.some((e) => e.comparison.verdict === 'regressed')) return ExitCode.Regression;
  return ExitCode.Ok;
}
