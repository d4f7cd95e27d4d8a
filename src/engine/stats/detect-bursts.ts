// Bursts: stretches where the machine, not the code, was slow — a noisy
// neighbour, thermal throttling, a backup. In an interleaved confirmation
// they show as runs far worse than their own side's median, on *both* sides
// (a slow path in the candidate's code shows on one side only).
import { median } from 'simple-statistics';
import type { Direction } from '../model.js';
import { toPositiveArray } from './to-positive-array.js';

export interface Bursts {
  /** Baseline runs at least `factor` × worse than the baseline median. */
  baselineRuns: number;
  /** Candidate runs at least `factor` × worse than the candidate median. */
  candidateRuns: number;
  /** All runs examined: 2 × pairs. */
  runs: number;
  /** Median of (run / its side's median) over the burst runs, inverted for higher-is-better metrics; 1 when there are none. */
  factor: number;
  /** Both sides have burst runs: the signature of the machine rather than the code. */
  onBothSides: boolean;
  /** Maximal stretches of consecutive pairs [first, last] (0-based) holding a burst run on either side. */
  stretches: [number, number][];
}

/**
 * Finds the burst runs of a paired confirmation. `baseline[i]` and
 * `candidate[i]` are the per-run medians of pair i, pairs in time order.
 * A run is a burst run when it is at least `factor` times worse than the
 * median of its own side (value ≥ factor · median for 'lower' metrics,
 * value ≤ median / factor for 'higher' ones).
 *
 * @throws RangeError unless both sides have the same non-zero length, every
 *   value is finite and > 0, and factor > 1.
 */
export function detectBursts(
  baseline: readonly number[],
  candidate: readonly number[],
  direction: Direction,
  factor = 1.5,
): Bursts {
  if (!(factor > 1)) throw new RangeError(`factor must be > 1, got ${factor}`);
  const base = toPositiveArray(baseline, 'baseline');
  const cand = toPositiveArray(candidate, 'candidate');
  if (base.length !== cand.length) {
    throw new RangeError(`pairs need as many baseline as candidate runs, got ${base.length} and ${cand.length}`);
  }
  // How many times worse than its side's median each run is (> 1 is worse).
  const worseness = (side: readonly number[]): number[] => {
    const centre = median(side);
    return side.map((v) => (direction === 'lower' ? v / centre : centre / v));
  };
  const baseWorse = worseness(base);
  const candWorse = worseness(cand);

  const factors: number[] = [];
  const stretches: [number, number][] = [];
  let baselineRuns = 0;
  let candidateRuns = 0;
  for (let i = 0; i < base.length; i++) {
    const b = baseWorse[i] as number;
    const c = candWorse[i] as number;
    if (b >= factor) {
      baselineRuns++;
      factors.push(b);
    }
    if (c >= factor) {
      candidateRuns++;
      factors.push(c);
    }
    if (b < factor && c < factor) continue;
    const last = stretches[stretches.length - 1];
    if (last !== undefined && last[1] === i - 1) last[1] = i;
    else stretches.push([i, i]);
  }
  return {
    baselineRuns,
    candidateRuns,
    runs: 2 * base.length,
    factor: factors.length === 0 ? 1 : median(factors),
    onBothSides: baselineRuns > 0 && candidateRuns > 0,
    stretches,
  };
}
