import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../src/engine/stats/mann-whitney.js';
import { combinations, countU } from './brute-force.js';

// R's ?wilcox.test example (Hollander & Wolfe 1973, p. 69): permeability
// constants of the human chorioamnion at term (x) and 12–26 weeks (y).
const hwX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const hwY = [1.15, 0.88, 0.9, 0.74, 1.21];

// R's datasets::airquality, Ozone in May (month 5) and August (month 8), NAs dropped.
const ozoneMay = [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37];
const ozoneAug = [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85];

/** Exact one-sided p-value by enumerating every reassignment of the pooled values. */
function bruteForceP(x: readonly number[], y: readonly number[], alternative: 'greater' | 'less'): number {
  const pooled = [...x, ...y];
  const observed = countU(x, y);
  let hits = 0;
  let total = 0;
  for (const pick of combinations(pooled.length, x.length)) {
    const inX = new Set(pick);
    const u = countU(
      pooled.filter((_, i) => inX.has(i)),
      pooled.filter((_, i) => !inX.has(i)),
    );
    if (alternative === 'greater' ? u >= observed : u <= observed) hits++;
    total++;
  }
  return hits / total;
}

describe('mannWhitneyU', () => {
  it('matches R: wilcox.test(x, y, alternative = "g") on Hollander & Wolfe gives W = 35, p = 0.1272', () => {
    const r = mannWhitneyU(hwX, hwY, 'greater');
    expect(r.u).toBe(35);
    expect(r.pValue).toBeCloseTo(0.1272, 4);
    expect(r.exact).toBe(true);
  });

  it('gives the exact p of brute-force enumeration for tiny samples, both one-sided directions', () => {
    const x = [3.1, 1.2, 5.5];
    const y = [2.0, 4.4, 0.7, 6.1];
    expect(mannWhitneyU(x, y, 'greater').pValue).toBeCloseTo(bruteForceP(x, y, 'greater'), 14); // 20/35
    expect(mannWhitneyU(x, y, 'less').pValue).toBeCloseTo(bruteForceP(x, y, 'less'), 14);
  });

  it('gives the exact p of brute-force enumeration for the Hollander & Wolfe data (3003 splits)', () => {
    expect(mannWhitneyU(hwX, hwY, 'greater').pValue).toBeCloseTo(bruteForceP(hwX, hwY, 'greater'), 14);
  });

  it('doubles the smaller one-sided tail for two-sided, capped at 1', () => {
    expect(mannWhitneyU(hwX, hwY, 'two-sided').pValue).toBeCloseTo(2 * bruteForceP(hwX, hwY, 'greater'), 14);
    expect(mannWhitneyU([3.1, 1.2, 5.5], [2.0, 4.4, 0.7, 6.1], 'two-sided').pValue).toBe(1);
  });

  it('counts U as pairs x > y plus half the ties', () => {
    expect(mannWhitneyU([1, 2, 2, 3, 5], [2, 4, 4, 6, 7, 8], 'less').u).toBe(5);
  });

  it('matches R with ties: wilcox.test(Ozone ~ Month, airquality, Month %in% c(5, 8)) gives W = 127.5, p = 0.0001208', () => {
    const r = mannWhitneyU(ozoneMay, ozoneAug, 'two-sided');
    expect(r.u).toBe(127.5);
    expect(r.pValue).toBeCloseTo(0.0001208, 7);
    expect(r.exact).toBe(false);
  });

  it('uses the tie-corrected normal approximation with continuity correction when there are ties', () => {
    // x = 1 2 2 3 5, y = 2 4 4 6 7 8: W = 5, nm/2 = 15, tie groups of 3 and 2 → Σ(t³ − t) = 30.
    // σ² = (30/12)·(12 − 30/(11·10)) = 29.318182; z = (5 − 15 + ½)/σ = −1.754508
    // pnorm(−1.754508) = 0.039672
    const r = mannWhitneyU([1, 2, 2, 3, 5], [2, 4, 4, 6, 7, 8], 'less');
    expect(r.exact).toBe(false);
    expect(r.pValue).toBeCloseTo(0.039672, 5);
  });

  it('applies the continuity correction toward the null for the greater alternative too', () => {
    // Same data: z = (5 − 15 − ½)/5.414627 = −1.939193; 1 − pnorm(z) = 0.973761
    expect(mannWhitneyU([1, 2, 2, 3, 5], [2, 4, 4, 6, 7, 8], 'greater').pValue).toBeCloseTo(0.973761, 5);
  });

  it('uses the normal approximation from 50 values on, even without ties', () => {
    // x = 0…59, y = 0.5…59.5: W = Σ i = 1770, nm/2 = 1800, σ² = 3600·121/12 = 36300
    // 'less': z = (1770 − 1800 + ½)/190.5256 = −0.154834, pnorm(z) = 0.438476
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = x.map((v) => v + 0.5);
    const r = mannWhitneyU(x, y, 'less');
    expect(r).toMatchObject({ u: 1770, exact: false });
    expect(r.pValue).toBeCloseTo(0.438476, 5);
  });

  it('gives p = 1 when every value is the same', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5], 'greater').pValue).toBe(1);
  });

  it('rejects an empty sample', () => {
    expect(() => mannWhitneyU([], [1], 'greater')).toThrow(RangeError);
  });
});
