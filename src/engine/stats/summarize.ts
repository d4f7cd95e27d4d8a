// One case's samples in one run, reduced to a `Summary`: the robust pair
// (median, MAD) that the comparisons use, plus classic figures for people.
import { mean, medianAbsoluteDeviation, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Direction, Summary } from '../model.js';
import { toFiniteArray } from './to-finite-array.js';

/**
 * Summarizes raw samples.
 *
 * Percentiles (p50, p90, p99, and so the median) use Hyndman & Fan type 7 —
 * linear interpolation between order statistics at h = (n − 1)·p, the default
 * of R's `quantile()` and NumPy's `percentile()`.
 * `mad` is the raw median absolute deviation (not scaled by 1.4826).
 * `cv` is sample standard deviation (n − 1) / |mean|; 0 when n < 2 or when
 * all samples are equal, and Infinity if the mean is 0 but the samples vary.
 *
 * @throws RangeError on empty input or non-finite values.
 */
export function summarize(samples: ArrayLike<number>, unit: string, direction: Direction): Summary {
  const sorted = toFiniteArray(samples, 'samples').sort((a, b) => a - b);
  const n = sorted.length;
  const average = mean(sorted);
  const sd = n < 2 ? 0 : sampleStandardDeviation(sorted);
  const p50 = quantileSorted(sorted, 0.5);
  return {
    n,
    unit,
    direction,
    median: p50,
    mad: medianAbsoluteDeviation(sorted),
    mean: average,
    cv: sd === 0 ? 0 : sd / Math.abs(average),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    p50,
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
  };
}
