// `perflab stress [pattern]`: run stress scenarios, print a verdict per
// scenario, record results, findings and metric baselines.
import { resolve } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { formatDuration } from '../../engine/report/format-duration.js';
import { textTable } from '../../engine/report/text-table.js';
import { MAX_STRESS_DURATION_MS } from '../../engine/suite/stress-schema.js';
import type { StressReport } from '../../modes/stress/run-stress.js';
import { addOutputOptions, cliTrigger, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { durationUpTo } from '../parse-number.js';
import { runJob } from '../run-job.js';
import { stressProgressPrinter, VERDICT_COLOR } from '../stress-progress.js';

interface StressFlags extends OutputFlags {
  suites: string;
  duration?: number;
  commit?: string;
}

export function stressCommand(): Command {
  const command = new Command('stress')
    .description('run stress scenarios: load past capacity, report what breaks (exit 1 when a scenario fails)')
    .argument('[pattern]', 'only scenarios whose id matches: a glob (http/*) or a substring; default all')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--duration <time>', 'run every scenario this long instead of its own duration (e.g. 30s, 2m)', durationUpTo(MAX_STRESS_DURATION_MS, 'a stress scenario may run'))
    .option('--commit <sha>', 'record the run under this commit (default: HEAD of the suites checkout)');
  addOutputOptions(command);
  documentExitCodes(command, { [ExitCode.Regression]: 'a scenario failed (a threshold, a crash, a hang, a leak)', [ExitCode.Interrupted]: 'stopped with Ctrl-C; the scenarios that finished are recorded' });
  return command.action(async (pattern: string | undefined, flags: StressFlags) => {
    process.exitCode = await stress(pattern, flags);
  });
}

async function stress(pattern: string | undefined, flags: StressFlags): Promise<ExitCode> {
  const suitesDir = resolve(flags.suites);
  const progress = flags.quiet || flags.json === true ? undefined : stressProgressPrinter();
  const request = { ...(pattern ? { pattern } : {}), ...(flags.duration ? { durationMs: flags.duration } : {}), ...(flags.commit ? { commit: flags.commit } : {}) };
  // Ctrl-C stops the running scenario (its worker, servers and sockets go with it) and records what finished.
  const { end, interrupted } = await withLab({ store: flags.store, suites: suitesDir }, (lab) =>
    runJob(lab, 'stress', request, cliTrigger(), {
      finished: 'stress-finished',
      onSigint: 'recording the scenarios that finished',
      onEvent: (event) => {
        if (event.type === 'stress-progress') progress?.(event.progress);
      },
    }),
  );
  // Stopped with Ctrl-C: the scenarios that finished are recorded, and printed.
  const report = end.type === 'cancelled' ? end.stressReport : end.report;
  if (!report) return ExitCode.Interrupted;
  if (report.entries.length === 0 && report.suiteErrors.length === 0 && !interrupted) {
    throw new PerflabError(ErrorCode.CaseNotFound, pattern ? `no stress scenario matches "${pattern}" in ${suitesDir}` : `no stress scenarios in ${suitesDir}`);
  }
  await writeOutput(flags, stressReportJson(report), () => humanReport(report));
  if (interrupted) return ExitCode.Interrupted;
  if (report.suiteErrors.length > 0) return ExitCode.UserError;
  return report.entries.some((e) => e.verdict !== 'passed') ? ExitCode.Regression : ExitCode.Ok;
}

export function stressReportJson(report: StressReport) {
  return {
    run: report.run,
    results: report.entries.map((e) => ({
      caseId: e.caseId,
      verdict: e.verdict,
      ...(e.result.state === 'ok' ? { summary: e.result.summary, stress: e.result.stress } : { error: e.result.error }),
      findings: e.findings.map(({ kind, title, signature, evidence }) => ({ kind, title, signature, evidence })),
      metrics: e.metrics.map((m) => ({ caseId: m.caseId, value: m.result.state === 'ok' ? m.result.summary.median : null, unit: m.result.state === 'ok' ? m.result.summary.unit : null, verdict: m.comparison.verdict, reason: m.comparison.reason })),
    })),
    suiteErrors: report.suiteErrors,
    alerts: report.alerts,
  };
}

function humanReport(report: StressReport): string {
  const { run } = report;
  const out = [pc.bold(`stress run ${run.id}`) + pc.dim(` · ${run.commit ? run.commit.slice(0, 12) : 'no commit'}${run.dirty ? ' (dirty)' : ''} · ${run.machine}`)];
  if (report.entries.length > 0) {
    const table = textTable(['scenario', 'load', 'req/s', 'p50', 'p99', 'errors', 'verdict']);
    for (const e of report.entries) {
      const verdict = VERDICT_COLOR[e.verdict](e.verdict);
      // The reason is in the finding's line under the table.
      if (e.result.state === 'errored' || !e.result.stress) {
        table.push([e.caseId, e.load, '—', '—', '—', '—', verdict]);
        continue;
      }
      const s = e.result.stress;
      table.push([e.caseId, e.load, s.throughput.toFixed(0), formatDuration(e.result.summary.p50), formatDuration(e.result.summary.p99), `${s.errors} (${(s.errorRate * 100).toFixed(2)}%)`, verdict]);
    }
    out.push(table.toString());
  }
  for (const f of report.entries.flatMap((e) => e.findings)) out.push(`${pc.red('✗')} ${f.title}`);
  for (const m of report.entries.flatMap((e) => e.metrics)) {
    if (m.comparison.verdict === 'regressed' || m.comparison.verdict === 'improved') out.push(`${m.comparison.verdict === 'regressed' ? pc.red('▲') : pc.green('▼')} ${m.caseId}: ${m.comparison.reason}`);
  }
  for (const { file, error } of report.suiteErrors) out.push(pc.red(`✗ ${file}: ${error.message}`));
  if (report.entries.some((e) => e.findings.length > 0)) out.push(pc.dim('Evidence for each failure: perflab stress PATTERN --json, or the alert in Slack.'));
  return `${out.join('\n')}\n`;
}

