// The Wilcoxon signed-rank test on paired differences, with Pratt's handling
// of zero differences, computed the way SciPy's
// `wilcoxon(d, zero_method='pratt', correction=True)` does so its numbers can
// be checked against SciPy.
//
// Why Pratt and not Wilcoxon's "drop the zeros": the paired confidence
// interval (`pairedRatio`) is built from the Walsh averages of *all* n
// differences, and the count of positive Walsh averages is exactly the
// signed-rank statistic with ranks taken over all n |dᵢ|, zeros included,
// zeros adding nothing to T⁺ (Tukey's identity). That is Pratt's statistic.
// With Pratt the test and the interval are the same procedure, so "p < α"
// and "the 1 − 2α interval excludes 1" cannot disagree. A zero difference —
// baseline and candidate run with identical medians — is also evidence of no
// change, and Pratt keeps it in n instead of throwing it away.
import type { Alternative } from './mann-whitney.js';
import { normalCdf } from './normal-distribution.js';
import { signedRankNullDistribution } from './signed-rank-null-distribution.js';
import { toFiniteArray } from './to-finite-array.js';
import { EXACT_LIMIT } from './u-null-distribution.js';

export interface SignedRankResult {
  /** T⁺: the sum of the (mid)ranks of |dᵢ| over the positive dᵢ, ranks taken over all n (Pratt). */
  statistic: number;
  pValue: number;
  /** Number of differences, zeros included. */
  n: number;
  /** How many differences are exactly 0. */
  zeros: number;
  /** True when the p-value comes from the exact null distribution. */
  exact: boolean;
}

/**
 * Tests whether the differences tend to be positive ('greater'), negative
 * ('less') or either ('two-sided').
 *
 * Exact p-value (`signedRankNullDistribution`) when n < 50 and there are
 * neither zeros nor ties among the |dᵢ|; otherwise the normal approximation
 * with the conditional mean ½Σrᵢ and variance ¼Σrᵢ² over the non-zero dᵢ —
 * which is the Cureton zero correction plus the usual tie correction — and a
 * continuity correction of ½ toward the null. If every difference is 0 the
 * p-value is 1.
 *
 * @throws RangeError on an empty input or non-finite values.
 */
export function wilcoxonSignedRank(diffs: readonly number[], alternative: Alternative): SignedRankResult {
  const d = toFiniteArray(diffs, 'diffs');
  const n = d.length;
  const { ranks, tied } = absoluteRanks(d);
  let statistic = 0;
  let zeros = 0;
  let mean = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i] as number;
    const r = ranks[i] as number;
    if (v === 0) {
      zeros++;
      continue;
    }
    if (v > 0) statistic += r;
    mean += r / 2;
    variance += (r * r) / 4;
  }

  if (zeros === 0 && !tied && n < EXACT_LIMIT) {
    const null0 = signedRankNullDistribution(n);
    const upper = (): number => null0.sf(statistic);
    const lower = (): number => null0.cdf(statistic);
    let pValue: number;
    if (alternative === 'greater') pValue = upper();
    else if (alternative === 'less') pValue = lower();
    else pValue = Math.min(1, 2 * Math.min(upper(), lower()));
    return { statistic, pValue, n, zeros, exact: true };
  }

  if (variance === 0) return { statistic, pValue: 1, n, zeros, exact: false };
  const sigma = Math.sqrt(variance);
  const centred = statistic - mean;
  const correction = alternative === 'greater' ? 0.5 : alternative === 'less' ? -0.5 : Math.sign(centred) * 0.5;
  const z = (centred - correction) / sigma;
  let pValue: number;
  if (alternative === 'greater') pValue = normalCdf(-z);
  else if (alternative === 'less') pValue = normalCdf(z);
  else pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
  return { statistic, pValue, n, zeros, exact: false };
}

/** Mid-ranks of |dᵢ| over all n values (zeros take the lowest ranks), and whether any non-zero |dᵢ| tie. */
function absoluteRanks(d: readonly number[]): { ranks: Float64Array; tied: boolean } {
  const order = d.map((_, i) => i).sort((a, b) => Math.abs(d[a] as number) - Math.abs(d[b] as number));
  const abs = (k: number): number => Math.abs(d[order[k] as number] as number);
  const ranks = new Float64Array(d.length);
  let tied = false;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && abs(end) === abs(start)) end++;
    if (end - start > 1 && abs(start) !== 0) tied = true;
    const midRank = (start + 1 + end) / 2; // the group holds ranks start+1 … end
    for (let k = start; k < end; k++) ranks[order[k] as number] = midRank;
    start = end;
  }
  return { ranks, tied };
}
