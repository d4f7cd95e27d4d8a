// Effect size of a candidate against its baseline from *paired* runs: each
// baseline run and the candidate run next to it in time form a pair, so drift
// that hits both runs of a pair cancels in their ratio.
import { normalQuantile } from './normal-distribution.js';
import { signedRankNullDistribution } from './signed-rank-null-distribution.js';
import { wilcoxonSignedRank } from './signed-rank.js';
import { toPositiveArray } from './to-positive-array.js';
import { EXACT_LIMIT } from './u-null-distribution.js';

export interface PairedRatio {
  /** exp(Hodges–Lehmann estimate of the log-ratios): the pseudo-median candidate/baseline ratio of a pair. */
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** One-sided Wilcoxon signed-rank (Pratt) p-value in the requested direction. */
  pValue: number;
  /** Number of pairs. */
  n: number;
  /** True when both the interval's critical value and the p-value come from the exact null distribution. */
  exact: boolean;
}

/**
 * Paired ratio with a distribution-free confidence interval.
 *
 * dᵢ = log(candidateᵢ) − log(baselineᵢ). The n(n+1)/2 Walsh averages
 * (dᵢ + dⱼ)/2, i ≤ j, are sorted; the Hodges–Lehmann estimate is their
 * median, and the interval is [W₍ₖ₎, W₍N−k+1₎] with k the `qsignrank(α/2, n)`
 * critical value of the signed-rank statistic (k ≥ 1), as R's
 * `wilcox.test(d, conf.int = TRUE)` (Hollander & Wolfe, §3.2). Coverage is
 * 1 − 2·P(T⁺ ≤ k − 1) ≥ the requested confidence. From 50 pairs on, k comes
 * from the normal approximation
 * k = round(N/2 − z₁₋α/₂ · √(n(n+1)(2n+1)/24)). All three are exponentiated, so
 * the interval is multiplicative: swapping baseline and candidate inverts it.
 *
 * `alternative` names the direction the p-value tests: 'greater' means the
 * candidate's runs are larger than their baseline partners.
 *
 * @throws RangeError unless both sides have the same non-zero length, every
 *   value is finite and > 0, and 0 < confidence < 1.
 */
export function pairedRatio(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence = 0.95,
  alternative: 'greater' | 'less' = 'greater',
): PairedRatio {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const base = toPositiveArray(baseline, 'baseline');
  const cand = toPositiveArray(candidate, 'candidate');
  if (base.length !== cand.length) {
    throw new RangeError(`pairs need as many baseline as candidate runs, got ${base.length} and ${cand.length}`);
  }
  const n = base.length;
  const d = base.map((b, i) => Math.log(cand[i] as number) - Math.log(b));

  const walsh = walshAverages(d);
  const total = walsh.length;
  const middle = total >> 1;
  const hl = total % 2 === 1 ? (walsh[middle] as number) : ((walsh[middle - 1] as number) + (walsh[middle] as number)) / 2;
  const k = criticalCount(n, (1 - confidence) / 2);
  const test = wilcoxonSignedRank(d, alternative);
  return {
    ratio: Math.exp(hl),
    ciLow: Math.exp(walsh[k - 1] as number),
    ciHigh: Math.exp(walsh[total - k] as number),
    pValue: test.pValue,
    n,
    exact: test.exact && n < EXACT_LIMIT,
  };
}

/** The sorted (dᵢ + dⱼ)/2 for all i ≤ j. */
export function walshAverages(d: readonly number[]): Float64Array {
  const n = d.length;
  const out = new Float64Array((n * (n + 1)) / 2);
  let w = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out[w++] = ((d[i] as number) + (d[j] as number)) / 2;
  return out.sort();
}

/** How many Walsh averages to cut from each end (≥ 1, so the interval is at worst [min, max]). */
function criticalCount(n: number, tail: number): number {
  const total = (n * (n + 1)) / 2;
  let k: number;
  if (n < EXACT_LIMIT) {
    k = signedRankNullDistribution(n).quantile(tail);
  } else {
    const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
    k = Math.round(total / 2 - normalQuantile(1 - tail) * sigma);
  }
  return Math.min(Math.max(k, 1), Math.ceil(total / 2));
}
