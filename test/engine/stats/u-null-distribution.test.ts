import { describe, expect, it } from 'vitest';
import { uNullDistribution } from '../../../src/engine/stats/u-null-distribution.js';
import { enumerateUCounts } from './brute-force.js';

describe('uNullDistribution', () => {
  it('matches the hand-counted distribution for n = m = 3 (20 splits)', () => {
    // counts of U = 0…9: 1 1 2 3 3 3 3 2 1 1
    const d = uNullDistribution(3, 3);
    expect(d.cdf(0)).toBeCloseTo(1 / 20, 15);
    expect(d.cdf(3)).toBeCloseTo(7 / 20, 15);
    expect(d.cdf(9)).toBe(1);
  });

  it('matches brute-force enumeration of every split for several small sizes', () => {
    for (const [n, m] of [[1, 4], [4, 5], [5, 4], [6, 6], [3, 8]] as const) {
      const counts = enumerateUCounts(n, m);
      const total = counts.reduce((a, b) => a + b, 0);
      const d = uNullDistribution(n, m);
      let running = 0;
      counts.forEach((c, u) => {
        running += c;
        expect(d.cdf(u)).toBeCloseTo(running / total, 14);
      });
    }
  });

  it('gives upper tails by symmetry: P(U ≥ u) = P(U ≤ nm − u)', () => {
    const counts = enumerateUCounts(4, 5); // 126 splits
    const upper = counts.slice(17).reduce((a, b) => a + b, 0); // U ≥ 17
    expect(uNullDistribution(4, 5).sf(17)).toBeCloseTo(upper / 126, 15);
  });

  it('returns R’s qwilcox: the smallest u with P(U ≤ u) ≥ p', () => {
    // n = 4, m = 5: P(U ≤ 2) = 4/126 = .032, P(U ≤ 3) = 7/126 = .056
    const d = uNullDistribution(4, 5);
    expect(d.quantile(0.05)).toBe(3);
    expect(d.quantile(0.03)).toBe(2);
    expect(d.quantile(0)).toBe(0);
  });

  it('stays a proper distribution at the exact limit (49 × 49)', () => {
    const d = uNullDistribution(49, 49);
    expect(d.cdf(49 * 49)).toBe(1);
    // symmetric about nm/2 = 1200.5
    expect(d.cdf(1200)).toBeCloseTo(0.5, 12);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => uNullDistribution(0, 3)).toThrow(RangeError);
    expect(() => uNullDistribution(2.5, 3)).toThrow(RangeError);
  });
});
