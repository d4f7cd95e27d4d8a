// The exact null distribution of the Mann–Whitney U statistic (no ties):
// under H0 every way of splitting the pooled n + m values into the two
// samples is equally likely. Shared by the test (p-values) and the
// confidence interval (critical values).

/** Exact distributions are used while both samples are smaller than this (R's `wilcox.test` rule). */
export const EXACT_LIMIT = 50;

export interface UNullDistribution {
  /** Size of the first sample. */
  n: number;
  /** Size of the second sample. */
  m: number;
  /** P(U ≤ u). */
  cdf(u: number): number;
  /** P(U ≥ u). */
  sf(u: number): number;
  /** The smallest integer u with P(U ≤ u) ≥ p (R's `qwilcox`). */
  quantile(p: number): number;
}

// Cumulative probabilities keyed by `min,max` (the distribution is symmetric
// in n and m). Building one costs O(n²m²/4) additions — ~1.5M at 49×49 — and
// the sequential confirmation asks for the same few sizes over and over.
const cache = new Map<string, Float64Array>();
const CACHE_LIMIT = 64;

/**
 * The distribution of U = #{(i, j): x_i > y_j} for |x| = n, |y| = m under H0.
 * Exact for any sizes, but meant for n, m < `EXACT_LIMIT`; above that the
 * normal approximation is as good and far cheaper.
 */
export function uNullDistribution(n: number, m: number): UNullDistribution {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1) {
    throw new RangeError(`sample sizes must be positive integers, got ${n} and ${m}`);
  }
  const key = `${Math.min(n, m)},${Math.max(n, m)}`;
  let cumulative = cache.get(key);
  if (cumulative === undefined) {
    cumulative = cumulativeProbabilities(Math.min(n, m), Math.max(n, m));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, cumulative);
  }
  const table = cumulative;
  const top = n * m;
  const cdf = (u: number): number => {
    const k = Math.floor(u);
    if (k < 0) return 0;
    if (k >= top) return 1;
    return table[k] as number;
  };
  return {
    n,
    m,
    cdf,
    // U is symmetric about nm/2, so P(U ≥ u) = P(U ≤ nm − u); no cancellation.
    sf: (u: number) => cdf(top - Math.ceil(u)),
    quantile: (p: number) => {
      let u = 0;
      while (u < top && cdf(u) < p) u++;
      return u;
    },
  };
}

function cumulativeProbabilities(n: number, m: number): Float64Array {
  // counts(i, j)[u] = number of splits of i + j values with U = u. Looking at
  // the largest pooled value: if it is an x it beats all j y's, else it beats
  // nothing, so counts(i, j)[u] = counts(i−1, j)[u − j] + counts(i, j−1)[u].
  // Rows are rolled over i; only positive additions, so doubles stay accurate
  // (counts reach C(98, 49) ≈ 2.5e28, well inside double range).
  let previous: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= m; j++) {
      const row = new Float64Array(i * j + 1);
      const fromX = previous[j] as Float64Array; // length (i−1)·j + 1, shifted by j
      const fromY = current[j - 1] as Float64Array; // length i·(j−1) + 1
      for (let u = 0; u < fromX.length; u++) row[u + j] = (row[u + j] as number) + (fromX[u] as number);
      for (let u = 0; u < fromY.length; u++) row[u] = (row[u] as number) + (fromY[u] as number);
      current.push(row);
    }
    previous = current;
  }
  const counts = previous[m] as Float64Array;
  let total = 0;
  for (const c of counts) total += c;
  const cumulative = new Float64Array(counts.length);
  let running = 0;
  for (let u = 0; u < counts.length; u++) {
    running += counts[u] as number;
    cumulative[u] = running / total;
  }
  return cumulative;
}
