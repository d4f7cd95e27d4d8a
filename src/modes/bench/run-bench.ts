// A benchmark run, end to end: list the cases, measure the canary and then
// each case (one at a time, fresh worker each), judge each result against its
// baseline, and record everything. The store holds the outcome; the returned
// report is what the CLI (and later the bot) shows.
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '../../engine/errors.js';
import { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import type { Alert, Baseline, Comparison, RecordedResult, Result, Run } from '../../engine/model.js';
import { newRun, type NewRunOptions } from '../../engine/new-run.js';
import { raiseAlerts } from '../../engine/alert/raise-alerts.js';
import { acceptFirstBaselines } from '../../engine/store/accept-first-baselines.js';
import type { Store } from '../../engine/store/store.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { BenchOptions } from '../../engine/suite/define-suite.js';
import type { BenchCaseRef } from './bench-case.js';
import { compareToBaseline, screenAgainstBaseline, type ConfirmSuspect } from '../../engine/compare/compare-to-baseline.js';
import { recoverCanary } from './canary-recovery.js';
import { baselineCode, confirmSuspect } from './confirm-suspect.js';
import { listCases, listSuiteFile, type SuiteError } from './list-cases.js';
import { measureCase } from './measure-case.js';

export const WORKER_FILE = new URL('./worker.ts', import.meta.url).href;
const CANARY_FILE = fileURLToPath(new URL('./canary.suite.ts', import.meta.url));
/** Runs in the canary's window before it may mark a run environment-suspect. */
const CANARY_MIN_WINDOW = 3;
/**
 * Fresh-worker runs a case's first baseline is made from: one run has no
 * spread, so the next run would be screened against the run's own standard
 * error, which says nothing about fresh-worker-to-fresh-worker variation.
 */
export const FIRST_BASELINE_RUNS = 3;

export type BenchProgress =
  | { type: 'listed'; cases: number; suiteErrors: number }
  | { type: 'case-start'; caseId: string; index: number; total: number }
  | { type: 'case-done'; caseId: string; result: Result }
  | { type: 'confirm'; caseId: string; side: 'baseline' | 'candidate'; done: number; target: number };

/** Machine, trigger, checkout and commit: what every run records (see `newRun`). */
export interface RunBenchOptions extends Omit<NewRunOptions, 'mode'> {
  suitesDir: string;
  filter: CaseFilter;
  store: Store;
  /** Run-wide option overrides (CLI flags). */
  overrides?: BenchOptions;
  /** Measure the canary (default true). */
  canary?: boolean;
  pool?: ExclusivePool;
  onProgress?: (event: BenchProgress) => void;
  signal?: AbortSignal;
}

export interface ReportEntry {
  caseId: string;
  result: Result;
  comparison: Comparison;
}

/** The canary's entry; `recovered` when it stayed moved long enough that its new level became its baseline (`recoverCanary`). */
type CanaryEntry = ReportEntry & { recovered?: true };

export interface BenchReport {
  run: Run;
  entries: ReportEntry[];
  canary: ReportEntry | null;
  suiteErrors: SuiteError[];
  alerts: Alert[];
}

export async function runBench(options: RunBenchOptions): Promise<BenchReport> {
  const { store, machine, onProgress } = options;
  const pool = options.pool ?? new ExclusivePool({ filename: WORKER_FILE });
  const overrides = options.overrides ?? {};

  const listing = await listCases(pool, options.suitesDir, options.filter, overrides);
  onProgress?.({ type: 'listed', cases: listing.cases.length, suiteErrors: listing.suiteErrors.length });

  const run = newRun({ mode: 'bench', machine, trigger: options.trigger, checkout: options.checkout, commit: options.commit });
  await store.beginRun(run);

  const canary = options.canary === false || listing.cases.length === 0 ? null : await measureCanary(pool, store, run, overrides, options.signal);
  if (canary?.comparison.verdict === 'unstable') run.environment = 'suspect';

  const measured: { ref: BenchCaseRef; result: Result }[] = [];
  for (const [index, ref] of listing.cases.entries()) {
    if (options.signal?.aborted) break; // what was measured so far is still judged and recorded
    onProgress?.({ type: 'case-start', caseId: ref.id, index, total: listing.cases.length });
    const result = await measureCase(pool, ref, ref.options, options.signal);
    // A case stopped by cancellation measured nothing: leave no trace of it.
    if (result.state === 'errored' && result.error.code === ErrorCode.Cancelled) break;
    onProgress?.({ type: 'case-done', caseId: ref.id, result });
    measured.push({ ref, result });
  }

  const ctx = {
    store,
    machine,
    environment: run.environment,
    onConfirmRun: (caseId: string, side: 'baseline' | 'candidate', done: number, target: number) =>
      onProgress?.({ type: 'confirm', caseId, side, done, target }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const entries: ReportEntry[] = [];
  for (const { ref, result } of measured) {
    const confirm: ConfirmSuspect = (baseline, window, run, code) => confirmSuspect(pool, options.checkout, ref, baseline, window, run, code);
    const remeasure = async () => {
      const again = await measureCase(pool, ref, ref.options, options.signal);
      return again.state === 'ok' ? again.summary.median : undefined;
    };
    const code = (baseline: Baseline) => baselineCode(store, options.checkout, baseline, ref);
    entries.push({ caseId: ref.id, result, comparison: await compareToBaseline(ctx, ref.id, ref.options.threshold, result, confirm, { baselineCode: code, remeasure }) });
  }

  const all = canary ? [canary, ...entries] : entries;
  const recordedAt = new Date().toISOString();
  const recorded: RecordedResult[] = all.map(({ result, comparison }) => ({
    runId: run.id,
    commit: run.commit,
    machine,
    recordedAt,
    result,
    comparison,
    // Only settled results describe the baseline; unconfirmed changes never drift into it.
    inWindow: result.state === 'ok' && run.environment === 'ok' && (comparison.verdict === 'unchanged' || comparison.verdict === 'no-baseline'),
  }));
  await store.recordResults(run.id, recorded);

  await acceptFirstBaselines(store, run, all, await firstBaselineRuns(pool, measured, entries, options.signal));

  const alerts = await alertsFor(store, run, entries, listing.suiteErrors, canary);
  run.finishedAt = new Date().toISOString();
  await store.finishRun(run.id, { finishedAt: run.finishedAt, environment: run.environment });
  return { run, entries, canary, suiteErrors: listing.suiteErrors, alerts };
}

/** For each case seen for the first time: its run's median and those of `FIRST_BASELINE_RUNS − 1` more fresh-worker runs. */
async function firstBaselineRuns(pool: ExclusivePool, measured: readonly { ref: BenchCaseRef; result: Result }[], entries: readonly ReportEntry[], signal?: AbortSignal): Promise<Map<string, number[]>> {
  const runs = new Map<string, number[]>();
  for (const [i, { ref, result }] of measured.entries()) {
    if (entries[i]?.comparison.verdict !== 'no-baseline' || result.state !== 'ok') continue;
    const medians = [result.summary.median];
    while (medians.length < FIRST_BASELINE_RUNS && !signal?.aborted) {
      const again = await measureCase(pool, ref, ref.options, signal);
      if (again.state === 'errored') break; // the runs so far still make a baseline
      medians.push(again.summary.median);
    }
    runs.set(ref.id, medians);
  }
  return runs;
}

/** The canary is screened against its own history only: it has no code change to confirm. */
async function measureCanary(pool: ExclusivePool, store: Store, run: Run, overrides: BenchOptions, signal?: AbortSignal): Promise<CanaryEntry | null> {
  const { machine } = run;
  const { cases } = await listSuiteFile(pool, CANARY_FILE, overrides);
  const ref = cases[0];
  if (!ref) return null;
  const result = await measureCase(pool, ref, ref.options, signal);
  const baseline = (await store.getBaseline(ref.id, machine));
  let comparison: Comparison;
  if (result.state === 'errored') comparison = { caseId: ref.id, verdict: 'errored', reason: result.error.message };
  else if (!baseline) comparison = { caseId: ref.id, verdict: 'no-baseline', reason: 'first canary on this machine' };
  else {
    const { screened, window } = await screenAgainstBaseline(store, ref.id, machine, baseline, result.summary, ref.options.threshold, 'canary');
    // Until the canary has its own run-to-run spread, it has no "own noise" to
    // move beyond: judging it by one run's standard error flagged healthy runs,
    // kept them out of the window, and so locked the store in suspicion.
    const learning = window.current.length < CANARY_MIN_WINDOW;
    const recovered = !learning && screened.suspect ? await recoverCanary(store, ref.id, run, baseline, result.summary) : undefined;
    if (recovered) return { caseId: ref.id, result, comparison: { caseId: ref.id, verdict: 'unchanged', reason: `${screened.reason} ${recovered.reason}.` }, recovered: true };
    comparison = learning
      ? { caseId: ref.id, verdict: 'unchanged', reason: `learning this machine's noise (${window.current.length + 1} of ${CANARY_MIN_WINDOW} runs)` }
      : screened.suspect
      ? {
          caseId: ref.id,
          verdict: 'unstable',
          reason: `The canary moved: ${screened.reason} This run is environment-suspect. If the machine changed for good, accept a new canary baseline: perflab baseline accept ${ref.id}`,
        }
      : { caseId: ref.id, verdict: 'unchanged', reason: screened.reason };
  }
  return { caseId: ref.id, result, comparison };
}

function alertsFor(store: Store, run: Run, entries: ReportEntry[], suiteErrors: SuiteError[], canary: CanaryEntry | null): Promise<Alert[]> {
  return raiseAlerts(store, run, { comparisons: entries.map((e) => e.comparison), suiteErrorFiles: suiteErrors.map((s) => s.file), canaryId: 'perflab/canary', ...(canary?.recovered ? { canaryRecovered: true } : {}) });
}
