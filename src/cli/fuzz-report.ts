// What `perflab fuzz` prints: a line per property (inputs, executions/s, how
// much of its budget it used), then each finding of the run with its
// counterexample and the two ways to replay it.
import pc from 'picocolors';
import type { Finding } from '../engine/model.js';
import type { FuzzCaseStats } from '../modes/fuzz/fuzz-run-record.js';
import { textTable } from '../engine/report/text-table.js';
import type { FuzzReport } from '../modes/fuzz/run-fuzz.js';

export function formatFuzzStats(s: FuzzCaseStats): string {
  if (s.state === 'errored') return `${s.caseId}: ${pc.red(`errored: ${s.error?.message ?? 'unknown error'}`)}`;
  const found = s.findings > 0 ? pc.red(` · ${s.findings} failing worker(s)`) : '';
  return `${s.caseId}: ${s.inputs.toLocaleString('en-US')} inputs, ${Math.round(s.executionsPerSecond).toLocaleString('en-US')} exec/s, ${Math.round(s.budgetCoverage * 100)}% of budget${found}`;
}

export function humanFuzzReport(report: FuzzReport): string {
  const { run } = report;
  const out: string[] = [];
  const plan = run.fuzz;
  out.push(pc.bold(`fuzz run ${run.id}`) + pc.dim(` · ${run.commit ? run.commit.slice(0, 12) : 'no commit'}${run.dirty ? ' (dirty)' : ''} · ${run.machine}${plan ? ` · ${plan.workers} worker(s), budget ${(plan.budgetMs / 1000).toFixed(1)} s` : ''}`));
  if (report.cases.length > 0) {
    const table = textTable(['property', 'inputs', 'exec/s', 'budget used', 'result']);
    for (const s of report.cases) {
      const result = s.state === 'errored' ? pc.red('errored') : s.state === 'failed' ? pc.red('failed') : s.state;
      table.push([s.caseId, s.inputs.toLocaleString('en-US'), Math.round(s.executionsPerSecond).toLocaleString('en-US'), `${Math.round(s.budgetCoverage * 100)}%`, result]);
    }
    out.push(table.toString());
  } else if (report.suiteErrors.length === 0) out.push('No fuzz properties matched. Check --suites and the pattern.');
  for (const { file, error } of report.suiteErrors) out.push(pc.red(`✗ ${file}: ${error.message}`));
  for (const s of report.cases) if (s.error) out.push(pc.red(`✗ ${s.caseId}: ${s.error.message}`));
  for (const r of report.replays) if (r.verdict !== 'reproduces' && r.verdict !== 'still-fixed') out.push(`↺ ${r.findingId} (${r.caseId}): ${r.verdict}${r.note ? ` — ${r.note}` : ''}`);
  const outcomes = new Map<string, { finding: Finding; outcome: string }>();
  // The label of its first sighting in the run (new, back), the counts of its last.
  for (const s of report.sightings) outcomes.set(s.finding.id, { finding: s.finding, outcome: outcomes.get(s.finding.id)?.outcome ?? s.outcome });
  for (const { finding, outcome } of outcomes.values()) out.push(formatFinding(finding, outcome));
  return `${out.join('\n')}\n`;
}

/** One finding as a person reads it in a terminal. */
export function formatFinding(finding: Finding, outcome?: string): string {
  const label = outcome === 'new' ? pc.red('NEW') : outcome === 'regressed' ? pc.red('BACK') : pc.dim(`SEEN BEFORE (${finding.state})`);
  const counterexample = finding.evidence.split('\n').slice(0, 3).join('\n    ');
  return [
    `${label} ${finding.id} ${finding.caseId} — ${finding.title}${pc.dim(` (${finding.kind}, seen ${finding.count}×${finding.flaky ? ', flaky' : ''})`)}`,
    `    ${counterexample}`,
    `    reproduce: ${finding.repro ?? '—'}`,
    `    replay and update the finding: perflab fuzz --replay ${finding.id}`,
  ].join('\n');
}
