// Confirmation (DESIGN §5): a screened suspect becomes a verdict only after
// the baseline and the candidate are measured again, alternately, a fresh
// worker each time, so drift of the machine hits both sides alike. Runs are
// added in looks (10 → 20 → 30 per side) and stop as soon as the decision is
// clear. When no older code is available (not a git checkout), the candidate
// is re-run and set against the stored per-run medians instead.
//
// How one run is measured is the mode's business (`MeasureRun`); what the
// runs mean is decided here.
import type { CaseError, Change, ConfirmMethod, Verdict } from '../model.js';
import { decideConfirmation, nextLookSize, type ConfirmOptions } from '../stats/index.js';

/** One confirmation run of one side, in a fresh worker: its median per operation, or why it failed. */
export type MeasureRun = (side: 'baseline' | 'candidate') => Promise<{ median: number; unit: string } | { error: CaseError }>;

/** The per-run medians a decision rests on (one value per fresh-worker run, in `unit` per operation). */
export interface ConfirmationMedians {
  unit: string;
  baseline: number[];
  candidate: number[];
}

export type Confirmation =
  | { verdict: Exclude<Verdict, 'errored' | 'no-baseline'>; change: Change; reason: string; medians: ConfirmationMedians }
  /** Without enough stored runs to compare with: no change was measured. */
  | { verdict: 'unstable'; change?: undefined; reason: string; medians?: undefined }
  | { verdict: 'errored'; error: CaseError; reason: string };

export interface ConfirmRunOptions {
  threshold: number;
  /** Called after each measured run, for progress. */
  onRun?: (side: 'baseline' | 'candidate', done: number, target: number) => void;
  signal?: AbortSignal;
  looks?: readonly number[];
}

export async function confirmInterleaved(measureRun: MeasureRun, run: ConfirmRunOptions): Promise<Confirmation> {
  const stats: ConfirmOptions = { threshold: run.threshold, direction: 'lower', ...(run.looks ? { looks: run.looks } : {}) };
  const sides = { baseline: [] as number[], candidate: [] as number[] };
  let unit = '';
  const measure = async (side: 'baseline' | 'candidate', target: number): Promise<CaseError | undefined> => {
    const result = await measureRun(side);
    if ('error' in result) return result.error;
    sides[side].push(result.median);
    unit = result.unit;
    run.onRun?.(side, sides[side].length, target);
    return undefined;
  };

  for (let target = nextLookSize(0, stats); target !== null; target = nextLookSize(target, stats)) {
    while (sides.candidate.length < target) {
      // Alternate which side goes first (A B B A …) so neither always runs on a warmer machine.
      const order = sides.candidate.length % 2 === 0 ? (['baseline', 'candidate'] as const) : (['candidate', 'baseline'] as const);
      for (const side of order) {
        const error = await measure(side, target);
        if (error) return { verdict: 'errored', error, reason: `${side} run failed during confirmation: ${error.message}` };
      }
    }
    const decision = decideConfirmation(sides.baseline, sides.candidate, stats);
    if (decision.decision !== 'continue') return toConfirmation(decision, 'interleaved', { unit, ...sides });
  }
  throw new Error('unreachable: the last look always decides');
}

/** Fewer stored runs than this and a window comparison says nothing useful. */
export const MIN_WINDOW_FOR_CONFIRMATION = 5;

export async function confirmAgainstWindow(
  measureRun: MeasureRun,
  windowMedians: readonly number[],
  run: ConfirmRunOptions,
): Promise<Confirmation> {
  if (windowMedians.length < MIN_WINDOW_FOR_CONFIRMATION) {
    return {
      verdict: 'unstable',
      reason: `cannot confirm: no older code to re-run (not a git checkout) and only ${windowMedians.length} stored run(s); run again to build a history`,
    };
  }
  // One look: as many re-runs as stored runs used, up to 30.
  const stored = windowMedians.slice(-30);
  const medians: number[] = [];
  let unit = '';
  while (medians.length < stored.length) {
    const result = await measureRun('candidate');
    if ('error' in result) return { verdict: 'errored', error: result.error, reason: `re-run failed during confirmation: ${result.error.message}` };
    medians.push(result.median);
    unit = result.unit;
    run.onRun?.('candidate', medians.length, stored.length);
  }
  const decision = decideConfirmation(stored, medians, { threshold: run.threshold, direction: 'lower', looks: [stored.length] });
  if (decision.decision === 'continue') throw new Error('unreachable: a single look always decides');
  return toConfirmation(decision, 'window', { unit, baseline: stored, candidate: medians });
}

function toConfirmation(decision: Exclude<ReturnType<typeof decideConfirmation>, { decision: 'continue' }>, method: ConfirmMethod, medians: ConfirmationMedians): Confirmation {
  const { ratio, ciLow, ciHigh, pValue, runs, reason } = decision;
  const how = method === 'window' ? reason.replace('interleaved runs per side', 're-runs against the stored runs (no older code to run)') : reason;
  return { verdict: decision.decision, change: { ratio, ciLow, ciHigh, pValue, method, runs }, reason: how, medians };
}
