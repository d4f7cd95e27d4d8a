// Noise of a set of values, robust to the odd outlier run: the MAD scaled to
// a standard deviation (for normal data), relative to the median.
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { toFiniteArray } from './to-finite-array.js';

/** MAD × this estimates the standard deviation of normally distributed data (1 / Φ⁻¹(3/4)). */
export const MAD_TO_SD = 1.4826;

/**
 * Robust coefficient of variation: 1.4826 · MAD / |median|.
 * Returns 0 when the median is 0 (no meaningful relative noise).
 * @throws RangeError on empty input or non-finite values.
 */
export function robustCv(values: ArrayLike<number>): number {
  const xs = toFiniteArray(values, 'values');
  const m = median(xs);
  if (m === 0) return 0;
  return (MAD_TO_SD * medianAbsoluteDeviation(xs)) / Math.abs(m);
}
