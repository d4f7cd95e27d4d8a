// Student's two-sample t-test with a pooled variance, the test Apache Otava
// applies to a candidate change point. Beside Welch's, for E-Divisive: when
// one segment is only a few points long its own variance is a poor estimate
// (2 degrees of freedom for 3 points), and a split the search picked because
// those few points happen to sit tightly together gets a Welch t far larger
// than the data support. The pooled variance borrows the longer segment's.
import { mean, sampleVariance } from 'simple-statistics';
import { studentTCdf } from './student-t-distribution.js';
import { toFiniteArray } from './to-finite-array.js';
import type { TTestResult } from './welch-t-test.js';

/**
 * Student's t-test of equal means with a pooled variance, two-sided, as
 * SciPy's `ttest_ind(x, y)` (t's sign flipped: here y − x). df = nₓ + nᵧ − 2.
 * When the pooled variance is 0: p = 1 if the means are equal, else 0.
 *
 * @throws RangeError unless each sample has at least 2 finite values.
 */
export function pooledTTest(x: readonly number[], y: readonly number[]): TTestResult {
  const xs = toFiniteArray(x, 'x');
  const ys = toFiniteArray(y, 'y');
  const n = xs.length;
  const m = ys.length;
  if (n < 2 || m < 2) throw new RangeError(`each sample needs at least 2 values, got ${n} and ${m}`);
  const meanX = mean(xs);
  const meanY = mean(ys);
  const df = n + m - 2;
  const pooled = ((n - 1) * sampleVariance(xs) + (m - 1) * sampleVariance(ys)) / df;
  if (pooled === 0) {
    const same = meanX === meanY;
    return { t: same ? 0 : Math.sign(meanY - meanX) * Infinity, df, pValue: same ? 1 : 0, meanX, meanY };
  }
  const t = (meanY - meanX) / Math.sqrt(pooled * (1 / n + 1 / m));
  return { t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)), meanX, meanY };
}
