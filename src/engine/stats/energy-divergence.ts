// The divergence E-Divisive maximises (Matteson & James, "A Nonparametric
// Approach for Multiple Change Point Analysis of Multivariate Data", JASA
// 2014, with α = 1 as Apache Otava/Hunter use it): for a segment z[s, e) and
// a split into X = z[s, τ) and Y = z[τ, κ), n = τ − s, m = κ − τ,
//
//   Q̂(τ, κ) = 2/(n+m) · Σᵢⱼ |Xᵢ − Yⱼ|
//           − 2m/((n+m)(n−1)) · Σᵢ<ₖ |Xᵢ − Xₖ|
//           − 2n/((n+m)(m−1)) · Σⱼ<ₖ |Yⱼ − Yₖ|
//
// i.e. nm/(n+m) times the energy distance between X and Y (between-sample
// distance minus the within-sample distances, unbiased form). It is large
// when X and Y come from different distributions — a shift in mean first of
// all. The candidate split is the τ of the (τ, κ) maximising Q̂; searching κ
// too (rather than fixing κ = e) finds a short stretch inside the segment.

export interface EnergySplit {
  /** The first index of the right part. */
  tau: number;
  /** The κ that maximised Q̂ with it (exclusive end of Y). */
  kappa: number;
  /** Q̂(τ, κ). */
  divergence: number;
}

/**
 * The split of z[start, end) maximising Q̂(τ, κ) over every τ, κ with both
 * parts at least `minSegment` (≥ 2) long; null when the segment is shorter
 * than 2 · minSegment. Ties go to the smallest τ, then the smallest κ.
 *
 * O(L²) time and memory for L = end − start: every within-sum Σ|zᵢ − zₖ| over
 * z[a, b) is tabulated once (W), and each Q̂(τ, κ) is then O(1), since the
 * between-sum is W(s, κ) − W(s, τ) − W(τ, κ).
 */
export function bestEnergySplit(z: ArrayLike<number>, start: number, end: number, minSegment: number): EnergySplit | null {
  const length = end - start;
  if (length < 2 * minSegment) return null;
  const width = length + 1;
  // w[a·width + b] = Σ_{a ≤ i < k < b} |z_{s+i} − z_{s+k}|, 0 ≤ a ≤ b ≤ length (relative indices).
  const w = new Float64Array(width * width);
  for (let b = 2; b <= length; b++) {
    const newest = z[start + b - 1] as number;
    let column = 0; // Σ_{a ≤ i < b−1} |z_i − newest|
    for (let a = b - 2; a >= 0; a--) {
      column += Math.abs((z[start + a] as number) - newest);
      w[a * width + b] = (w[a * width + b - 1] as number) + column;
    }
  }
  let best: EnergySplit | null = null;
  for (let t = minSegment; t <= length - minSegment; t++) {
    const n = t;
    const withinX = w[t] as number; // W(0, t)
    for (let k = t + minSegment; k <= length; k++) {
      const m = k - t;
      const withinY = w[t * width + k] as number;
      const between = (w[k] as number) - withinX - withinY;
      const q = (2 * between - (2 * m * withinX) / (n - 1) - (2 * n * withinY) / (m - 1)) / (n + m);
      if (best === null || q > best.divergence) best = { tau: start + t, kappa: start + k, divergence: q };
    }
  }
  return best;
}
