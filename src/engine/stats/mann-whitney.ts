// The Mann–Whitney U (Wilcoxon rank-sum) test, computed the way R's
// `wilcox.test(x, y)` does, so its numbers can be checked against R.
import { normalCdf } from './normal-distribution.js';
import { toFiniteArray } from './to-finite-array.js';
import { EXACT_LIMIT, uNullDistribution } from './u-null-distribution.js';

export type Alternative = 'greater' | 'less' | 'two-sided';

export interface MannWhitneyResult {
  /** #{x_i > y_j} + ½ #{x_i = y_j}: R's W for `wilcox.test(x, y)`. */
  u: number;
  pValue: number;
  /** True when the p-value comes from the exact null distribution. */
  exact: boolean;
}

/**
 * Tests whether x tends to be larger ('greater'), smaller ('less') or either
 * ('two-sided') than y.
 *
 * Exact p-value (the full null distribution, `uNullDistribution`) when both
 * samples have fewer than 50 values and there are no ties; otherwise the
 * normal approximation with R's tie-corrected variance and continuity
 * correction of ½. If every value is the same the p-value is 1.
 *
 * @throws RangeError on an empty sample or non-finite values.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], alternative: Alternative): MannWhitneyResult {
  const xs = toFiniteArray(x, 'x');
  const ys = toFiniteArray(y, 'y');
  const n = xs.length;
  const m = ys.length;
  const { rankSumX, tieTerm } = rankPooled(xs, ys);
  const u = rankSumX - (n * (n + 1)) / 2;

  if (tieTerm === 0 && n < EXACT_LIMIT && m < EXACT_LIMIT) {
    const null0 = uNullDistribution(n, m);
    const upper = (): number => null0.sf(u);
    const lower = (): number => null0.cdf(u);
    let pValue: number;
    if (alternative === 'greater') pValue = upper();
    else if (alternative === 'less') pValue = lower();
    else pValue = Math.min(1, 2 * (u > (n * m) / 2 ? upper() : lower()));
    return { u, pValue, exact: true };
  }

  const centred = u - (n * m) / 2;
  const sigma = Math.sqrt(((n * m) / 12) * (n + m + 1 - tieTerm / ((n + m) * (n + m - 1))));
  if (sigma === 0) return { u, pValue: 1, exact: false };
  // Continuity correction, as R: toward the null in the tested direction.
  const correction = alternative === 'greater' ? 0.5 : alternative === 'less' ? -0.5 : Math.sign(centred) * 0.5;
  const z = (centred - correction) / sigma;
  let pValue: number;
  if (alternative === 'greater') pValue = normalCdf(-z);
  else if (alternative === 'less') pValue = normalCdf(z);
  else pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
  return { u, pValue, exact: false };
}

interface Pooled {
  value: number;
  fromX: boolean;
}

/** Mid-ranks of the pooled sample: the rank sum of x, and Σ(t³ − t) over tie groups. */
function rankPooled(xs: readonly number[], ys: readonly number[]): { rankSumX: number; tieTerm: number } {
  const pooled: Pooled[] = [...xs.map((value) => ({ value, fromX: true })), ...ys.map((value) => ({ value, fromX: false }))];
  pooled.sort((a, b) => a.value - b.value);
  const at = (k: number): Pooled => pooled[k] as Pooled;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start + 1;
    while (end < pooled.length && at(end).value === at(start).value) end++;
    const t = end - start;
    const midRank = (start + 1 + end) / 2; // the group holds ranks start+1 … end
    for (let k = start; k < end; k++) if (at(k).fromX) rankSumX += midRank;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { rankSumX, tieTerm };
}
