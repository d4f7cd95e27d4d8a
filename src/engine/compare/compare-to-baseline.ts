// One result against its baseline: screen it against the window of runs
// since the baseline was accepted, and confirm a suspect by measuring again
// (DESIGN §5). Only a confirmed change becomes `regressed` or `improved`.
// The mode says how to measure again (`ConfirmSuspect`); the verdict is decided here.
import { ErrorCode } from '../errors.js';
import type { Baseline, Comparison, Result, Summary } from '../model.js';
import { median } from 'simple-statistics';
import { formatMeasure } from '../report/format-measure.js';
import { CONFIRM_MAX_CV, describeMove, PAIRED_SCREEN, robustCv, screen } from '../stats/index.js';
import type { HistoryEntry, Store } from '../store/store.js';
import type { Confirmation, ConfirmRunOptions } from './confirm-change.js';

export interface CompareContext {
  store: Store;
  machine: string;
  environment: 'ok' | 'suspect';
  onConfirmRun?: (caseId: string, side: 'baseline' | 'candidate', done: number, target: number) => void;
  signal?: AbortSignal;
}

/**
 * Per-run medians that describe a baseline: the accepted run (or the runs it
 * was accepted from, `Baseline.runMedians`) and the unchanged runs since.
 */
export async function baselineWindow(store: Store, caseId: string, machine: string, baseline: Baseline): Promise<{ current: number[]; previous: number[] }> {
  const since = (await store.getRun(baseline.runId))?.startedAt;
  const entries = await store.history(caseId, { machine, limit: 200 });
  const usable = (e: HistoryEntry): e is HistoryEntry & { median: number } => e.state === 'ok' && e.inWindow && typeof e.median === 'number';
  const from = entries.findIndex((e) => e.runId === baseline.runId);
  const split = from >= 0 ? from : since ? entries.findIndex((e) => e.at >= since) : entries.length;
  const at = split < 0 ? entries.length : split;
  const sinceBaseline = entries.slice(at);
  const accepted = baseline.runMedians && sinceBaseline[0]?.runId === baseline.runId ? [...baseline.runMedians] : null;
  return {
    current: accepted ? [...accepted, ...sinceBaseline.slice(1).filter(usable).map((e) => e.median)] : sinceBaseline.filter(usable).map((e) => e.median),
    previous: entries.slice(0, at).filter(usable).map((e) => e.median).slice(-30),
  };
}

/**
 * How suspicious a result must look, against the window, before confirmation
 * is spent on it: for the canary, and for a case whose baseline code cannot
 * be run beside it (`BaselineCode` 'none'; with older code at hand a case is
 * screened on pairs instead). Confirmation has the last word on every verdict, so a case screens at half
 * its threshold and at |z| ≥ 2 (a borderline run on the median of 3 runs,
 * `SCREEN_AGAIN`): a real change of threshold size is then
 * rarely filtered out by one noisy run (docs/benchmarks.md has the numbers).
 * On a noisy machine the window's noise would excuse any change of the
 * threshold's size, so a case never asks more than the threshold itself
 * (`capFactor`) of the median of 3 runs: the paired confirmation then says
 * whether it is real, or that it could not tell. Not when the window's own
 * noise is above the confirmation's limit (`CONFIRM_MAX_CV`, its default `maxCv`): there only a
 * change the window's noise cannot excuse is worth confirming.
 * The canary has no confirmation behind it and screens strictly (3.5, no cap).
 */
export const SCREENING = {
  case: { thresholdFactor: 0.5, zLimit: 2, capFactor: 1 },
  canary: { thresholdFactor: 1, zLimit: 3.5, capFactor: Number.POSITIVE_INFINITY },
} as const;

/**
 * For the window screen (no older code to run beside the candidate):
 * a case's first window holds one session's runs: its first baseline (3
 * fresh-worker runs back to back) and the few runs since. Their spread says
 * nothing of how far the machine moves between sessions, and on the idle VM
 * that was 2–7%: in three pairs of `perflab run`s a minute apart, 3–5 of the
 * 6 example cases came back ≥ 3% off a window that claimed 0.0–0.4% noise,
 * and each cost a confirmation of 20–100 fresh workers to be called unchanged
 * (docs/benchmarks.md). So until the window holds `runs` runs, a case with no
 * history before its baseline screens at `factor` × its threshold, and only a
 * change that large is confirmed. A case re-baselined after an accepted change
 * has its history, and screens as usual.
 */
export const YOUNG_WINDOW = { runs: 5, factor: 2 } as const;

/**
 * Screens one summary against its baseline's window. With too few runs since
 * the baseline for a spread of their own, the previous spread is kept
 * (DESIGN §5), or else the standard error of this run's median is used.
 */
export async function screenAgainstBaseline(store: Store, caseId: string, machine: string, baseline: Baseline, summary: Summary, threshold: number, role: keyof typeof SCREENING = 'case') {
  const window = await baselineWindow(store, caseId, machine, baseline);
  const fallbackCv = window.previous.length >= 3 ? robustCv(window.previous) : (1.2533 * summary.cv) / Math.sqrt(summary.n);
  const values = window.current.length > 0 ? window.current : [baseline.median];
  const { thresholdFactor, zLimit, capFactor } = SCREENING[role];
  const young = role === 'case' && window.previous.length === 0 && values.length < YOUNG_WINDOW.runs;
  // Above the noise at which confirmation gives up, capping would only spend confirmation on a machine it cannot judge.
  const windowNoise = values.length >= 3 ? robustCv(values) : fallbackCv;
  const capLimit = young ? threshold * YOUNG_WINDOW.factor : windowNoise <= CONFIRM_MAX_CV ? threshold * capFactor : Number.POSITIVE_INFINITY;
  const screenThreshold = young ? threshold * YOUNG_WINDOW.factor : threshold * thresholdFactor;
  const thresholdNote = young ? `${YOUNG_WINDOW.factor} × the threshold while the window holds one session's ${values.length} of ${YOUNG_WINDOW.runs} runs` : undefined;
  return {
    window,
    screened: screen(summary.median, values, { threshold: screenThreshold, zLimit, fallbackCv, direction: summary.direction, capLimit, unit: summary.unit, ...(thresholdNote ? { thresholdNote } : {}) }),
  };
}

/**
 * A run whose |Δ| reaches this fraction of the screen's limit is borderline:
 * one run's median drifts with the machine by more than the window's spread
 * suggests, so it is measured `runs − 1` more times (fresh workers) and the
 * median of the runs is screened instead. It costs two runs on a fraction of
 * results, and it lets a real change that one run understated reach
 * confirmation, and an A/A run that one run overstated skip it.
 */
export const SCREEN_AGAIN = { fromFraction: 0.5, runs: 3 } as const;

/** One more fresh-worker run of the candidate: its median, or undefined if it failed. */
export type RemeasureCandidate = () => Promise<number | undefined>;

/** How a suspect is confirmed: the mode measures the baseline's code and the candidate again (see `confirm-change.ts`). */
/** `code` is where the baseline's code is (`BaselineCode`): never 'same', which is not confirmed. */
export type ConfirmSuspect = (baseline: Baseline, window: readonly number[], run: ConfirmRunOptions, code: Exclude<BaselineCode, 'same'>) => Promise<Confirmation>;

/** Screens the result, and a borderline one again on the median of `SCREEN_AGAIN.runs` runs. */
async function screenResult(ctx: CompareContext, caseId: string, baseline: Baseline, summary: Summary, threshold: number, remeasure?: RemeasureCandidate) {
  const first = await screenAgainstBaseline(ctx.store, caseId, ctx.machine, baseline, summary, threshold);
  if (!remeasure || Math.abs(first.screened.delta) < SCREEN_AGAIN.fromFraction * first.screened.limit) return first;
  const medians = [summary.median];
  while (medians.length < SCREEN_AGAIN.runs && !ctx.signal?.aborted) {
    const again = await remeasure();
    if (again === undefined) return first;
    medians.push(again);
  }
  if (medians.length < SCREEN_AGAIN.runs) return first;
  const again = await screenAgainstBaseline(ctx.store, caseId, ctx.machine, baseline, { ...summary, median: median(medians) }, threshold);
  const runs = medians.map((m) => formatMeasure(m, summary.unit)).join(', ');
  return { ...again, screened: { ...again.screened, reason: `Borderline on one run (Δ ${(first.screened.delta * 100).toFixed(1)}%), so screened on the median of ${medians.length} runs (${runs}): ${again.screened.reason}` } };
}

/**
 * Where the baseline's code is, as the mode found it:
 * - `same`: the candidate runs the baseline's very code (its commit, both
 *   trees clean). A difference can only be the machine's, and confirming it
 *   would run the same code on both sides: nothing is confirmed, and the run
 *   joins the window, which so learns how far the machine moves between
 *   sessions.
 * - `beside`: the baseline's commit can be run beside the candidate. Then the
 *   screen is paired too (`PAIRED_SCREEN` pairs, `decidePairedConfirmation`
 *   rule 0): against the window, one run cannot tell a 3% change from the
 *   machine's state, which moves ~5% for tens of seconds at a time. A run the
 *   window screen finds worse skips the paired screen and is confirmed: under
 *   load, 4 pairs saw a real +3% as 0.992 and 1.010 (the window: +8.6%,
 *   +13.1%), and a +5% as 1.010 (the window: +4.7%).
 * - `none`: no older code to run (not a git checkout, or the commit is gone):
 *   screened against the window (a borderline run on the median of
 *   `SCREEN_AGAIN.runs`), and a suspect confirmed against stored runs.
 */
export type BaselineCode = 'same' | 'beside' | 'none';

export interface CompareOptions {
  /** Where the baseline's code is (asked only when there is a baseline). */
  baselineCode: (baseline: Baseline) => Promise<BaselineCode>;
  /** For `none`: one more run of the candidate, to screen a borderline run again. */
  remeasure?: RemeasureCandidate;
}

export async function compareToBaseline(ctx: CompareContext, caseId: string, threshold: number, result: Result, confirm: ConfirmSuspect, options: CompareOptions): Promise<Comparison> {
  if (result.state === 'errored') return { caseId, verdict: 'errored', reason: result.error.message };
  const baseline = await ctx.store.getBaseline(caseId, ctx.machine);
  if (!baseline) return { caseId, verdict: 'no-baseline', reason: 'first result on this machine; it becomes the baseline' };

  const code = await options.baselineCode(baseline);
  const paired = code === 'beside' && ctx.environment === 'ok';
  const { window, screened } = await screenResult(ctx, caseId, baseline, result.summary, threshold, code === 'none' ? options.remeasure : undefined);
  const screening = { median: result.summary.median, windowMedian: result.summary.median / (1 + screened.delta), windowRuns: Math.max(1, window.current.length), delta: screened.delta, z: screened.z, gate: screened.gate };
  if (code === 'same') {
    const commit = baseline.commit ? ` (${baseline.commit.slice(0, 12)})` : '';
    const moved = describeMove(screening.median, screening.windowMedian, screening.windowRuns, result.summary.unit);
    return { caseId, verdict: 'unchanged', reason: `The same code as the baseline${commit}, clean trees: nothing to confirm. Run median ${moved}: only the machine can differ.`, evidence: { screening } };
  }
  if (!paired && !screened.suspect) return { caseId, verdict: 'unchanged', reason: screened.reason };
  if (ctx.environment === 'suspect') {
    return { caseId, verdict: 'unstable', reason: `${screened.reason} The canary moved too: the machine, not the code, may have changed; no verdict.`, evidence: { screening } };
  }

  // Either screen may send a case on to confirmation; both must pass it. A run the window already saw worse goes straight to confirmation.
  const pairScreen = paired && !(screened.suspect && screened.direction === 'worse');
  const run: ConfirmRunOptions = {
    threshold,
    ...(pairScreen ? { screenPairs: PAIRED_SCREEN.pairs } : {}),
    onRun: (side, done, target) => ctx.onConfirmRun?.(caseId, side, done, target),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
  const confirmation = await confirm(baseline, window.current, run, code);
  if (confirmation.verdict === 'errored') {
    if (confirmation.error.code === ErrorCode.Cancelled) return { caseId, verdict: 'unstable', reason: `${screened.reason} Confirmation was cancelled: no verdict.` };
    return { caseId, verdict: 'errored', reason: confirmation.reason };
  }
  const reason = `${paired ? 'Against the window' : 'Screening'}: ${screened.reason} ${confirmation.reason}`;
  const evidence = { screening, ...(confirmation.medians ? { confirmation: confirmation.medians } : {}) };
  return confirmation.change ? { caseId, verdict: confirmation.verdict, change: confirmation.change, reason, evidence } : { caseId, verdict: 'unstable', reason, evidence };
}
