// Deterministic randomness for simulation tests.

/** mulberry32: a tiny 32-bit PRNG; returns uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates by Box–Muller. */
export function normals(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // (0, 1], so log(u) is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** `count` per-run medians around `centre` with multiplicative (lognormal) noise of about `cv`. */
export function lognormalRuns(normal: () => number, count: number, centre: number, cv: number): number[] {
  return Array.from({ length: count }, () => centre * Math.exp(cv * normal()));
}
