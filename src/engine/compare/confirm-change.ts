// Confirmation (DESIGN §5): a screened suspect becomes a verdict only after
// the baseline and the candidate are measured again, alternately, a fresh
// worker each time. A baseline run and the candidate run next to it in time
// form a pair, so drift of the machine that hits both cancels; the decision
// is `decidePairedConfirmation`'s. Pairs are added in looks (10 → 20 → 30,
// then 40 → 50 → 60 only while the interval straddles the threshold) and
// stop as soon as the answer is clear, or, from 20 pairs on, as soon as it
// cannot become clear by the cap of 60 (the interval the pairs would give
// at the cap, if they went on as they are, would still reach past the
// threshold: `decidePairedConfirmation` rule 5, 'unstable' with the reason). When no older code is available (not
// a git checkout), the candidate is re-run and each re-run is set against a
// stored per-run median instead: nothing cancels then, but the pairs are
// independent, so the signed-rank test stays valid.
//
// How one run is measured is the mode's business (`MeasureRun`); what the
// runs mean is decided here.
import type { CaseError, Change, ConfirmMethod, Verdict } from '../model.js';
import { decidePairedConfirmation, type PairedConfirmDecision, type PairedConfirmOptions, type PairedRun } from '../stats/index.js';

/** One confirmation run of one side, in a fresh worker: its median per operation, or why it failed. */
export type MeasureRun = (side: 'baseline' | 'candidate') => Promise<{ median: number; unit: string } | { error: CaseError }>;

/** The per-run medians a decision rests on (one value per fresh-worker run, in `unit` per operation); `baseline[i]` and `candidate[i]` are pair i. */
export interface ConfirmationMedians {
  unit: string;
  baseline: number[];
  candidate: number[];
}

export type Confirmation =
  /**
   * A measured decision. For 'unstable' the change is the evidence measured
   * (ratio, CI, p, runs), not a finding: show the reason, not the ratio.
   */
  | { verdict: Exclude<Verdict, 'errored' | 'no-baseline'>; change: Change; reason: string; medians: ConfirmationMedians }
  /** Without enough stored runs to compare with: no change was measured. */
  | { verdict: 'unstable'; change?: undefined; reason: string; medians?: undefined }
  | { verdict: 'errored'; error: CaseError; reason: string };

export interface ConfirmRunOptions {
  threshold: number;
  /** Called after each measured run, for progress. */
  onRun?: (side: 'baseline' | 'candidate', done: number, target: number) => void;
  signal?: AbortSignal;
  /** Regular looks and extra looks (the last is the cap), in pairs; defaults in `decidePairedConfirmation`. */
  looks?: readonly number[];
  extraLooks?: readonly number[];
  /** Interleaved only: screen on this many pairs first (`decidePairedConfirmation` rule 0); default none. */
  screenPairs?: number;
}

function decisionOptions(run: ConfirmRunOptions): PairedConfirmOptions {
  return {
    threshold: run.threshold,
    direction: 'lower',
    ...(run.looks ? { looks: run.looks } : {}),
    ...(run.extraLooks ? { extraLooks: run.extraLooks } : {}),
    ...(run.screenPairs ? { screenPairs: run.screenPairs } : {}),
  };
}

export async function confirmInterleaved(measureRun: MeasureRun, run: ConfirmRunOptions): Promise<Confirmation> {
  const options = decisionOptions(run);
  const pairs: PairedRun[] = [];
  let unit = '';
  const measure = async (side: 'baseline' | 'candidate', target: number): Promise<number | CaseError> => {
    const result = await measureRun(side);
    if ('error' in result) return result.error;
    unit = result.unit;
    run.onRun?.(side, pairs.length + 1, target);
    return result.median;
  };

  let decision = decidePairedConfirmation(pairs, options);
  while (decision.decision === 'continue') {
    const target = decision.nextLook;
    while (pairs.length < target) {
      // Alternate which side goes first (A B B A …) so neither always runs on a warmer machine.
      const order = pairs.length % 2 === 0 ? (['baseline', 'candidate'] as const) : (['candidate', 'baseline'] as const);
      const pair: Partial<PairedRun> = {};
      for (const side of order) {
        const measured = await measure(side, target);
        if (typeof measured !== 'number') return { verdict: 'errored', error: measured, reason: `${side} run failed during confirmation: ${measured.message}` };
        pair[side] = measured;
      }
      pairs.push(pair as PairedRun);
    }
    decision = decidePairedConfirmation(pairs, options);
  }
  return toConfirmation(decision, 'interleaved', unit, pairs);
}

/**
 * Fewer stored runs than this and a window comparison says nothing: the
 * signed-rank test needs 10 pairs before any p-value can fall below α = 0.01.
 */
export const MIN_WINDOW_FOR_CONFIRMATION = 10;

export async function confirmAgainstWindow(
  measureRun: MeasureRun,
  windowMedians: readonly number[],
  run: ConfirmRunOptions,
): Promise<Confirmation> {
  if (windowMedians.length < MIN_WINDOW_FOR_CONFIRMATION) {
    return {
      verdict: 'unstable',
      reason: `cannot confirm: no older code to re-run (not a git checkout) and only ${windowMedians.length} stored run(s), below ${MIN_WINDOW_FOR_CONFIRMATION}; run again to build a history`,
    };
  }
  // One look: as many re-runs as stored runs used, up to 30, re-run i paired with stored run i.
  const stored = windowMedians.slice(-30);
  const pairs: PairedRun[] = [];
  let unit = '';
  while (pairs.length < stored.length) {
    const result = await measureRun('candidate');
    if ('error' in result) return { verdict: 'errored', error: result.error, reason: `re-run failed during confirmation: ${result.error.message}` };
    pairs.push({ baseline: stored[pairs.length] as number, candidate: result.median });
    unit = result.unit;
    run.onRun?.('candidate', pairs.length, stored.length);
  }
  const decision = decidePairedConfirmation(pairs, { ...decisionOptions(run), looks: [stored.length], extraLooks: [], screenPairs: 0 });
  if (decision.decision === 'continue') throw new Error('unreachable: a single look always decides');
  return toConfirmation(decision, 'window', unit, pairs);
}

function toConfirmation(decision: Exclude<PairedConfirmDecision, { decision: 'continue' }>, method: ConfirmMethod, unit: string, pairs: readonly PairedRun[]): Confirmation {
  const medians: ConfirmationMedians = { unit, baseline: pairs.map((p) => p.baseline), candidate: pairs.map((p) => p.candidate) };
  const measured = decision.decision === 'unstable' ? decision.evidence : decision;
  const { ratio, ciLow, ciHigh, pValue } = measured;
  const reason = method === 'window' ? decision.reason.replace('interleaved pairs', 're-runs paired with stored runs (no older code to run)') : decision.reason;
  return { verdict: decision.decision, change: { ratio, ciLow, ciHigh, pValue, method, runs: decision.runs }, reason, medians };
}
