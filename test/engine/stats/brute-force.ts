// Independent, deliberately naive reference computations for the tests:
// nothing here shares code with src/engine/stats.

/** U by its definition: pairs with x > y, plus half the ties. */
export function countU(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

/** Every way to choose `k` of the indices 0 … n−1. */
export function* combinations(n: number, k: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield [...chosen];
    return;
  }
  for (let i = start; i < n; i++) {
    chosen.push(i);
    yield* combinations(n, k, i + 1, chosen);
    chosen.pop();
  }
}

/** The null distribution of U by enumerating every split of the pooled values: counts[u]. */
export function enumerateUCounts(n: number, m: number): number[] {
  // Any distinct values will do; use ranks 0 … n+m−1.
  const pooled = Array.from({ length: n + m }, (_, i) => i);
  const counts = new Array<number>(n * m + 1).fill(0);
  for (const pick of combinations(n + m, n)) {
    const inX = new Set(pick);
    const x = pooled.filter((_, i) => inX.has(i));
    const y = pooled.filter((_, i) => !inX.has(i));
    counts[countU(x, y)]! += 1;
  }
  return counts;
}

/** Sorted pairwise differences c − b. */
export function pairwiseDifferences(baseline: readonly number[], candidate: readonly number[]): number[] {
  const out: number[] = [];
  for (const c of candidate) for (const b of baseline) out.push(c - b);
  return out.sort((a, b) => a - b);
}
