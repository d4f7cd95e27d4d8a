// Spikes in a history of per-run medians: one or two runs far off their
// neighbours (a busy machine, a cold cache). Too short to be a change, they
// still wreck a t-test's variance: one run at 1.5× in a segment of 100 runs
// with 1% noise multiplies its standard deviation by five and hides a 5%
// regression next to it. MongoDB's change-point pipeline screens outliers
// separately for the same reason. This is a Hampel filter whose window is
// sized so that nothing of `minSegment` points or longer is touched.
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { MAD_TO_SD } from './robust-noise.js';
import { toFiniteArray } from './to-finite-array.js';

export interface Despiked {
  /** The series with every spike replaced by the median of its neighbourhood. */
  series: number[];
  /** Indices of the points replaced, ascending. */
  spikes: number[];
}

/** How many noise standard deviations from its neighbourhood's median a point must be to count as a spike. */
export const SPIKE_SIGMAS = 5;

/**
 * Replaces spikes: points more than 5 σ from the median of their
 * neighbourhood, the 2h + 1 points z[i − h, i + h] (h = minSegment − 1),
 * shifted inwards at the ends so it always holds 2h + 1 points (an odd count,
 * so the median is a point of the series, never halfway up a step).
 * σ is the series' own noise, 1.4826 · MAD of the successive differences / √2,
 * which a few level shifts do not move. A stretch of minSegment or more
 * points at a new level holds the majority of any neighbourhood centred in
 * it, so it is never replaced; shorter stretches are.
 *
 * @throws RangeError on non-finite values or minSegment < 2.
 */
export function despike(values: readonly number[], minSegment: number): Despiked {
  if (!Number.isInteger(minSegment) || minSegment < 2) throw new RangeError(`minSegment must be an integer ≥ 2, got ${minSegment}`);
  if (values.length < 3) return { series: [...values], spikes: [] };
  const z = toFiniteArray(values, 'series');
  const differences = z.slice(1).map((v, i) => v - (z[i] as number));
  const sigma = (MAD_TO_SD * medianAbsoluteDeviation(differences)) / Math.SQRT2;
  // No measurable noise (e.g. a flat series): nothing can be told from a spike.
  if (sigma === 0) return { series: [...z], spikes: [] };
  const span = Math.min(2 * (minSegment - 1) + 1, z.length);
  const series = [...z];
  const spikes: number[] = [];
  for (let i = 0; i < z.length; i++) {
    const from = Math.min(Math.max(0, i - (minSegment - 1)), z.length - span);
    const centre = median(z.slice(from, from + span));
    if (Math.abs((z[i] as number) - centre) > SPIKE_SIGMAS * sigma) {
      series[i] = centre;
      spikes.push(i);
    }
  }
  return { series, spikes };
}
