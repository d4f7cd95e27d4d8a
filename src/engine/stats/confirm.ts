// Confirmation (DESIGN §5): the baseline commit and the candidate commit are
// run alternately, a fresh worker each, and each run gives one median. This
// decides, at pre-planned looks (10, 20, 30 runs per side by default), whether
// the candidate regressed, improved, is unchanged, or the machine is too noisy
// to tell — or whether to run more.
//
// Decision rules, in order, at the current look k of K (the largest look ≤
// the number of runs per side; before the first look: 'continue'):
//
//   α_look = α / K. Bonferroni over the looks: conservative, but it keeps the
//   overall one-sided false-alarm rate ≤ α however many looks are taken, with
//   no alpha-spending bookkeeping.
//
//   1. regressed — the one-sided Mann–Whitney test (candidate vs baseline, in
//      the worse direction: 'greater' for timings) has p < α_look, AND the
//      ratio of medians is beyond the threshold in that direction
//      (ratio ≥ 1 + threshold for 'lower', ≤ 1 − threshold for 'higher').
//      Significance alone is not enough: with 30 quiet runs a 0.5% change is
//      significant but not worth an alert.
//   2. improved — the same in the better direction.
//   3. unchanged (early) — the whole ratio CI at confidence 1 − 2·α_look lies
//      strictly inside (1 − threshold, 1 + threshold): any change is shown to
//      be smaller than the threshold (two one-sided tests at α_look).
//   4. at the last look: unstable if the robust CV of either side's run
//      medians exceeds maxCv (the machine, not the code, dominates), else
//      unchanged (no change of threshold size could be shown).
//   5. otherwise continue to the next look.
//
// Power (see the simulation test): with ~2% run-to-run noise a 5% change is
// found at the first look almost always when the threshold is the default 3%.
// A change exactly equal to the threshold is found only about half the time,
// by construction of rule 1.
import type { Direction } from '../model.js';
import { mannWhitneyU } from './mann-whitney.js';
import { ratioCi } from './ratio-ci.js';
import { robustCv } from './robust-noise.js';

export interface ConfirmOptions {
  /** Smallest relative change worth reporting, e.g. 0.03 for 3%. */
  threshold: number;
  direction: Direction;
  /** overall one-sided false-alarm rate, default 0.01 */
  alpha?: number;
  /** runs per side at each look, default [10, 20, 30] */
  looks?: readonly number[];
  /** per-run-median noise above which we give up as unstable, default 0.1 */
  maxCv?: number;
}

export type ConfirmDecision =
  | { decision: 'continue' }
  | {
      decision: 'regressed' | 'improved' | 'unchanged' | 'unstable';
      ratio: number;
      ciLow: number;
      ciHigh: number;
      /** One-sided Mann–Whitney p in the direction the data lean (the tested direction for regressed/improved). */
      pValue: number;
      runs: number;
      reason: string;
    };

interface ResolvedConfirmOptions {
  threshold: number;
  direction: Direction;
  alpha: number;
  looks: readonly number[];
  maxCv: number;
}

function resolveConfirmOptions(options: ConfirmOptions): ResolvedConfirmOptions {
  const resolved: ResolvedConfirmOptions = {
    threshold: options.threshold,
    direction: options.direction,
    alpha: options.alpha ?? 0.01,
    looks: options.looks ?? [10, 20, 30],
    maxCv: options.maxCv ?? 0.1,
  };
  const { threshold, alpha, looks, maxCv } = resolved;
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be in (0, 1), got ${threshold}`);
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (!(maxCv > 0)) throw new RangeError(`maxCv must be > 0, got ${maxCv}`);
  if (looks.length === 0 || looks.some((l, i) => !Number.isInteger(l) || l < 2 || (i > 0 && l <= (looks[i - 1] as number)))) {
    throw new RangeError(`looks must be increasing integers ≥ 2, got [${looks.join(', ')}]`);
  }
  return resolved;
}

/**
 * Runs per side at which the next look happens (e.g. 10 → 20), or null when
 * `done` has reached the last look. 0 runs done gives the first look.
 */
export function nextLookSize(done: number, options: ConfirmOptions): number | null {
  const { looks } = resolveConfirmOptions(options);
  return looks.find((look) => look > done) ?? null;
}

/**
 * Decides after the interleaved runs so far. `baseline` and `candidate` hold
 * per-run medians; they should have the same length, at a look. If not, the
 * current look is the largest look ≤ the shorter side, and all values given
 * are used.
 */
export function decideConfirmation(
  baseline: readonly number[],
  candidate: readonly number[],
  options: ConfirmOptions,
): ConfirmDecision {
  const { threshold, direction, alpha, looks, maxCv } = resolveConfirmOptions(options);
  const perSide = Math.min(baseline.length, candidate.length);
  let lookIndex = -1;
  while (lookIndex + 1 < looks.length && (looks[lookIndex + 1] as number) <= perSide) lookIndex++;
  if (lookIndex < 0) return { decision: 'continue' };
  const lastLook = lookIndex === looks.length - 1;
  const alphaLook = alpha / looks.length;

  // x = candidate, y = baseline: 'greater' means the candidate's runs are larger.
  const worseAlternative = direction === 'lower' ? 'greater' : 'less';
  const betterAlternative = direction === 'lower' ? 'less' : 'greater';
  const pWorse = mannWhitneyU(candidate, baseline, worseAlternative).pValue;
  const pBetter = mannWhitneyU(candidate, baseline, betterAlternative).pValue;
  const { ratio, ciLow, ciHigh } = ratioCi(baseline, candidate, 1 - 2 * alphaLook);

  const worseBy = direction === 'lower' ? ratio - 1 : 1 - ratio;
  const runs = perSide;
  const effect = `ratio ${ratio.toFixed(3)} (CI ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)} at ${pct(1 - 2 * alphaLook)})`;
  const base = { ratio, ciLow, ciHigh, runs };

  if (pWorse < alphaLook && worseBy >= threshold) {
    return {
      decision: 'regressed',
      ...base,
      pValue: pWorse,
      reason: `Confirmed over ${runs} interleaved runs per side: ${pct(worseBy)} worse, ${effect}, one-sided p = ${pFmt(pWorse)} < ${pFmt(alphaLook)}.`,
    };
  }
  if (pBetter < alphaLook && -worseBy >= threshold) {
    return {
      decision: 'improved',
      ...base,
      pValue: pBetter,
      reason: `Confirmed over ${runs} interleaved runs per side: ${pct(-worseBy)} better, ${effect}, one-sided p = ${pFmt(pBetter)} < ${pFmt(alphaLook)}.`,
    };
  }
  const pValue = Math.min(pWorse, pBetter);
  if (ciLow > 1 - threshold && ciHigh < 1 + threshold) {
    return {
      decision: 'unchanged',
      ...base,
      pValue,
      reason: `Unchanged over ${runs} interleaved runs per side: ${effect} lies within ±${pct(threshold)}.`,
    };
  }
  if (!lastLook) return { decision: 'continue' };

  const noise = Math.max(robustCv(baseline), robustCv(candidate));
  if (noise > maxCv) {
    return {
      decision: 'unstable',
      ...base,
      pValue,
      reason: `Too noisy to decide after ${runs} interleaved runs per side: run-to-run noise ${pct(noise)} exceeds ${pct(maxCv)}; ${effect}.`,
    };
  }
  return {
    decision: 'unchanged',
    ...base,
    pValue,
    reason: `No change of ${pct(threshold)} or more shown after ${runs} interleaved runs per side: ${effect}, one-sided p = ${pFmt(pValue)}.`,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function pFmt(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
