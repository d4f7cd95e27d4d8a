import { describe, expect, it } from 'vitest';
import { signedRankNullDistribution } from '../../../src/engine/stats/signed-rank-null-distribution.js';

/** counts[t] of sign patterns of ranks 1 … n with T⁺ = t, by listing all 2ⁿ patterns. */
function enumerateSignedRankCounts(n: number): number[] {
  const counts = new Array<number>((n * (n + 1)) / 2 + 1).fill(0);
  for (let pattern = 0; pattern < 2 ** n; pattern++) {
    let t = 0;
    for (let r = 1; r <= n; r++) if (pattern & (1 << (r - 1))) t += r;
    counts[t]! += 1;
  }
  return counts;
}

describe('signedRankNullDistribution', () => {
  it('matches the hand-counted distribution for n = 3 (8 sign patterns)', () => {
    // T⁺ = 0 1 2 3 3 4 5 6 → counts 1 1 1 2 1 1 1
    const d = signedRankNullDistribution(3);
    expect(d.cdf(0)).toBeCloseTo(1 / 8, 15);
    expect(d.cdf(3)).toBeCloseTo(5 / 8, 15);
    expect(d.cdf(6)).toBe(1);
  });

  it('matches brute-force enumeration of every sign pattern for n = 1 … 12', () => {
    for (let n = 1; n <= 12; n++) {
      const counts = enumerateSignedRankCounts(n);
      const d = signedRankNullDistribution(n);
      let running = 0;
      counts.forEach((c, t) => {
        running += c;
        expect(d.cdf(t)).toBeCloseTo(running / 2 ** n, 14);
      });
    }
  });

  it('matches SciPy-independent enumeration at n = 10 and n = 20 (reference/paired_reference.py)', () => {
    // P(T⁺ ≤ 3) = 5/1024, P(T⁺ ≤ 8) = 25/1024, P(T⁺ ≤ 27) = 1/2 (n = 10); P(T⁺ ≤ 52) = 0.02422046661376953 (n = 20)
    const d10 = signedRankNullDistribution(10);
    expect(d10.cdf(3)).toBeCloseTo(0.0048828125, 15);
    expect(d10.cdf(8)).toBeCloseTo(0.0244140625, 15);
    expect(d10.cdf(27)).toBeCloseTo(0.5, 15);
    expect(signedRankNullDistribution(20).cdf(52)).toBeCloseTo(0.02422046661376953, 15);
  });

  it('gives upper tails by symmetry: P(T⁺ ≥ t) = P(T⁺ ≤ n(n+1)/2 − t)', () => {
    const counts = enumerateSignedRankCounts(8); // top = 36
    const upper = counts.slice(30).reduce((a, b) => a + b, 0);
    expect(signedRankNullDistribution(8).sf(30)).toBeCloseTo(upper / 256, 15);
  });

  it('returns R’s qsignrank: qsignrank(0.025, 20) = 53, qsignrank(0.025, 10) = 9', () => {
    expect(signedRankNullDistribution(20).quantile(0.025)).toBe(53);
    // n = 10: P(T⁺ ≤ 8) = 25/1024 < .025 ≤ P(T⁺ ≤ 9) = 33/1024
    expect(signedRankNullDistribution(10).quantile(0.025)).toBe(9);
    expect(signedRankNullDistribution(10).quantile(0)).toBe(0);
  });

  it('stays a proper distribution at the exact limit (n = 49)', () => {
    const d = signedRankNullDistribution(49);
    expect(d.cdf(1225)).toBe(1);
    // symmetric about 49·50/4 = 612.5
    expect(d.cdf(612)).toBeCloseTo(0.5, 12);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => signedRankNullDistribution(0)).toThrow(RangeError);
    expect(() => signedRankNullDistribution(2.5)).toThrow(RangeError);
  });
});
