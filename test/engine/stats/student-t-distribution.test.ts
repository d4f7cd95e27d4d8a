import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, studentTCdf } from '../../../src/engine/stats/student-t-distribution.js';

// Reference values: SciPy 1.17, scipy.stats.t.cdf / t.sf and scipy.special.betainc.
describe('studentTCdf', () => {
  it('matches scipy.stats.t.cdf at integer and Welch-style fractional degrees of freedom', () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 13);
    expect(studentTCdf(-1.5, 3.7)).toBeCloseTo(0.10679908460100675, 13);
    expect(studentTCdf(10, 2.2)).toBeCloseTo(0.9964477681448708, 13);
    expect(studentTCdf(0.3, 100)).toBeCloseTo(0.6176000598498482, 13);
  });

  it('keeps relative accuracy far in the tail (t.sf(40, 8) = 8.39e-11, t.sf(6, 1000) = 1.38e-9)', () => {
    expect(studentTCdf(-40, 8) / 8.392859439572896e-11).toBeCloseTo(1, 10);
    expect(studentTCdf(-6, 1000) / 1.3776845866887376e-9).toBeCloseTo(1, 10);
  });

  it('is ½ at 0 and symmetric', () => {
    expect(studentTCdf(0, 4.5)).toBe(0.5);
    expect(studentTCdf(1.3, 7) + studentTCdf(-1.3, 7)).toBeCloseTo(1, 15);
  });

  it('rejects df ≤ 0 and NaN', () => {
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(RangeError);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches scipy.special.betainc on both sides of the continued fraction’s switch', () => {
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 14); // = 1 − 0.7⁴ − 4·0.3·0.7³
    expect(regularizedIncompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo(0.7951672353008665, 13);
    expect(regularizedIncompleteBeta(0.7, 30, 40)).toBeCloseTo(0.9999986807222218, 13);
    expect(regularizedIncompleteBeta(0.001, 10, 0.5) / 1.762771966750129e-31).toBeCloseTo(1, 10);
  });

  it('is 0 at 0 and 1 at 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
