// A stress run, end to end: list the scenarios, run each in a fresh worker
// (one at a time: a stress run saturates the machine), judge each, compare
// its p99, throughput and error rate with their baselines, and record the
// run, the results, the findings and the alerts. Like `runBench`, the store
// holds the outcome; the returned report is what the CLI and Slack show.
import { recordFindings } from '../../engine/alert/finding-alerts.js';
import type { Alert, FindingReport, RecordedResult, Result, Run } from '../../engine/model.js';
import type { StressVerdict } from './stress-stats.js';
import { newRun, type NewRunOptions } from '../../engine/new-run.js';
import { raiseAlerts } from '../../engine/alert/raise-alerts.js';
import { acceptFirstBaselines } from '../../engine/store/accept-first-baselines.js';
import type { Store } from '../../engine/store/store.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { SuiteError } from '../bench/list-cases.js';
import { compareStressMetrics, type MetricEntry } from './compare-stress-metrics.js';
import { judgeScenario } from './judge-scenario.js';
import { listScenarios } from './list-scenarios.js';
import { describeLoad } from './stress-options.js';
import { StressPool } from './stress-pool.js';

export type StressProgress =
  | { type: 'listed'; scenarios: number; suiteErrors: number }
  | { type: 'scenario-start'; caseId: string; index: number; total: number; durationMs: number; load: string }
  /** Once a second while a scenario runs: the last second's numbers. */
  | { type: 'live'; caseId: string; index: number; total: number; phase: 'setup' | 'load' | 'teardown'; elapsedMs: number; durationMs: number; rate: number; p99Ms: number | null; errors: number; requests: number }
  | { type: 'scenario-done'; caseId: string; verdict: StressVerdict; result: Result };

export interface RunStressOptions extends Omit<NewRunOptions, 'mode'> {
  suitesDir: string;
  filter: CaseFilter;
  store: Store;
  /** Overrides every scenario's own duration, ms. */
  durationMs?: number;
  pool?: StressPool;
  onProgress?: (event: StressProgress) => void;
  signal?: AbortSignal;
}

export interface StressEntry {
  caseId: string;
  /** `closed ×32`, `open 100→2000/s`. */
  load: string;
  verdict: StressVerdict;
  result: Result;
  findings: FindingReport[];
  /** p99, throughput and error rate against their baselines (only for scenarios that ran to the end). */
  metrics: MetricEntry[];
}

export interface StressReport {
  run: Run;
  entries: StressEntry[];
  suiteErrors: SuiteError[];
  /** Stored, not yet posted: `finding` (new or returning findings), `regression` (metrics), `suite-error`. */
  alerts: Alert[];
}

export async function runStress(options: RunStressOptions): Promise<StressReport> {
  const { store, machine, onProgress, signal } = options;
  const pool = options.pool ?? new StressPool();
  const listing = await listScenarios(pool, options.suitesDir, options.filter);
  onProgress?.({ type: 'listed', scenarios: listing.scenarios.length, suiteErrors: listing.suiteErrors.length });

  const run = newRun({ mode: 'stress', machine, trigger: options.trigger, checkout: options.checkout, commit: options.commit });
  await store.beginRun(run);

  const entries: StressEntry[] = [];
  for (const [index, scenario] of listing.scenarios.entries()) {
    if (signal?.aborted) break; // what ran so far is still judged and recorded
    const ref = options.durationMs ? { ...scenario, options: { ...scenario.options, durationMs: options.durationMs } } : scenario;
    const total = listing.scenarios.length;
    const { durationMs, hangTimeoutMs } = ref.options;
    onProgress?.({ type: 'scenario-start', caseId: ref.id, index, total, durationMs, load: describeLoad(ref.options.load) });
    let loadStart: number | undefined;
    const outcome = await pool.run({
      file: ref.file,
      name: ref.name,
      durationMs,
      hangTimeoutMs,
      ...(signal ? { signal } : {}),
      onBeat: (beat) => {
        if (beat.phase === 'load') loadStart ??= performance.now() - beat.sample.atMs;
        const elapsedMs = loadStart === undefined ? 0 : performance.now() - loadStart;
        onProgress?.({ type: 'live', caseId: ref.id, index, total, phase: beat.phase, elapsedMs, durationMs, ...beat.live, requests: beat.requests });
      },
    });
    // A scenario stopped by cancellation measured nothing worth judging: leave no trace of it.
    if (outcome.state === 'cancelled') break;
    const judged = judgeScenario(ref, outcome);
    const metrics = await compareStressMetrics(store, machine, judged.result, ref.options.regressionThreshold);
    onProgress?.({ type: 'scenario-done', caseId: ref.id, verdict: judged.verdict, result: judged.result });
    entries.push({ ...judged, load: describeLoad(ref.options.load), metrics });
  }

  await record(store, run, entries);
  const alerts = await alertsFor(store, run, entries, listing.suiteErrors);
  run.finishedAt = new Date().toISOString();
  await store.finishRun(run.id, { finishedAt: run.finishedAt, environment: run.environment });
  return { run, entries, suiteErrors: listing.suiteErrors, alerts };
}

async function record(store: Store, run: Run, entries: StressEntry[]): Promise<void> {
  const recordedAt = new Date().toISOString();
  const at = (result: Result, inWindow: boolean, comparison?: MetricEntry['comparison']): RecordedResult => ({
    runId: run.id,
    commit: run.commit,
    machine: run.machine,
    recordedAt,
    result,
    ...(comparison ? { comparison } : {}),
    inWindow,
  });
  const recorded: RecordedResult[] = [];
  for (const entry of entries) {
    // The scenario's own result is its latency record, not a baseline series.
    recorded.push(at(entry.result, false));
    for (const m of entry.metrics) recorded.push(at(m.result, m.comparison.verdict === 'unchanged' || m.comparison.verdict === 'no-baseline', m.comparison));
  }
  await store.recordResults(run.id, recorded);
  await acceptFirstBaselines(store, run, entries.flatMap((e) => e.metrics));
}

/** Passing runs in a row after which a stress failure counts as fixed (one pass is not enough: thresholds near their limit flap). */
export const STRESS_FIXED_AFTER = 3;

async function alertsFor(store: Store, run: Run, entries: StressEntry[], suiteErrors: SuiteError[]): Promise<Alert[]> {
  const { alert: findingAlert } = await recordFindings(store, run, entries.flatMap((e) => e.findings));
  const seen = { runId: run.id, commit: run.commit, at: new Date().toISOString() };
  for (const entry of entries.filter((e) => e.verdict === 'passed')) {
    for (const finding of (await store.listFindings({ mode: 'stress', caseId: entry.caseId }))) await store.countCleanRun(finding.id, seen, STRESS_FIXED_AFTER);
  }
  // A scenario's failures are findings (above); its metrics (p99, throughput, errors) are judged like benchmarks.
  const others = await raiseAlerts(store, run, { comparisons: entries.flatMap((e) => e.metrics.map((m) => m.comparison)), suiteErrorFiles: suiteErrors.map((s) => s.file) });
  return findingAlert ? [findingAlert, ...others] : others;
}
