// Welch's two-sample t-test (unequal variances): the significance test
// E-Divisive applies to the two segments a candidate change point separates.
import { mean, sampleVariance } from 'simple-statistics';
import { studentTCdf } from './student-t-distribution.js';
import { toFiniteArray } from './to-finite-array.js';

export interface TTestResult {
  /** (mean(y) − mean(x)) / √(s²ₓ/nₓ + s²ᵧ/nᵧ): positive when y is larger. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  meanX: number;
  meanY: number;
}

/**
 * Welch's t-test of equal means, two-sided, as SciPy's
 * `ttest_ind(x, y, equal_var=False)` (with t's sign flipped: here y − x, the
 * "after" segment minus the "before" one).
 *
 * Sample variances use n − 1. When both variances are 0 there is no noise to
 * compare with: p = 1 if the means are equal and 0 if they differ (t = ±∞).
 *
 * @throws RangeError unless each sample has at least 2 finite values.
 */
export function welchTTest(x: readonly number[], y: readonly number[]): TTestResult {
  const xs = toFiniteArray(x, 'x');
  const ys = toFiniteArray(y, 'y');
  if (xs.length < 2 || ys.length < 2) throw new RangeError(`each sample needs at least 2 values, got ${xs.length} and ${ys.length}`);
  const meanX = mean(xs);
  const meanY = mean(ys);
  const vx = sampleVariance(xs) / xs.length;
  const vy = sampleVariance(ys) / ys.length;
  const se2 = vx + vy;
  if (se2 === 0) {
    const same = meanX === meanY;
    return { t: same ? 0 : Math.sign(meanY - meanX) * Infinity, df: xs.length + ys.length - 2, pValue: same ? 1 : 0, meanX, meanY };
  }
  const t = (meanY - meanX) / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (xs.length - 1) + (vy * vy) / (ys.length - 1));
  return { t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)), meanX, meanY };
}
