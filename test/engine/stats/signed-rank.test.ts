import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../../src/engine/stats/signed-rank.js';
import { logRatios, setA, setB, setC } from './paired-reference-data.js';

// Expected values: test/engine/stats/reference/paired_reference.py, i.e.
// scipy.stats.wilcoxon(d, zero_method='pratt', correction=True, alternative=…,
// method='exact' for set A, 'asymptotic' for sets B and C), SciPy 1.17.
// SciPy reports min(T⁺, T⁻) for two-sided; T⁺ is its one-sided statistic.

describe('wilcoxonSignedRank', () => {
  it('matches SciPy’s exact test on 12 untied pairs: T⁺ = 75, p = 5/4096 one-sided', () => {
    const d = logRatios(setA);
    const greater = wilcoxonSignedRank(d, 'greater');
    expect(greater).toMatchObject({ statistic: 75, n: 12, zeros: 0, exact: true });
    expect(greater.pValue).toBeCloseTo(0.001220703125, 15);
    expect(wilcoxonSignedRank(d, 'less').pValue).toBeCloseTo(0.999267578125, 15);
    expect(wilcoxonSignedRank(d, 'two-sided').pValue).toBeCloseTo(0.00244140625, 15);
  });

  it('matches SciPy’s normal approximation with Pratt zeros and ties (20 integer pairs, 5 zeros)', () => {
    const d = logRatios(setB);
    const greater = wilcoxonSignedRank(d, 'greater');
    expect(greater).toMatchObject({ statistic: 181.5, n: 20, zeros: 5, exact: false });
    expect(greater.pValue / 0.0008043794786821533).toBeCloseTo(1, 6);
    expect(wilcoxonSignedRank(d, 'less').pValue).toBeCloseTo(0.9992937639343987, 8);
    expect(wilcoxonSignedRank(d, 'two-sided').pValue / 0.0016087589573643066).toBeCloseTo(1, 6);
  });

  it('matches SciPy’s normal approximation above the exact limit (60 pairs)', () => {
    const d = logRatios(setC);
    const greater = wilcoxonSignedRank(d, 'greater');
    expect(greater).toMatchObject({ statistic: 1424, n: 60, zeros: 3, exact: false });
    expect(greater.pValue / 8.29856910998722e-5).toBeCloseTo(1, 6);
    expect(wilcoxonSignedRank(d, 'less').pValue).toBeCloseTo(0.9999194263700291, 8);
    expect(wilcoxonSignedRank(d, 'two-sided').pValue / 0.0001659713821997444).toBeCloseTo(1, 6);
  });

  it('works out the hand example: d = 0, 0, 1, −2, 3 has Pratt ranks 1.5 1.5 3 4 5, T⁺ = 8', () => {
    // Non-zero ranks 3, 4, 5: mean ½·12 = 6, variance ¼·(9 + 16 + 25) = 12.5;
    // 'greater': z = (8 − 6 − ½)/√12.5 = 0.424264, 1 − Φ(z) = 0.335687
    const r = wilcoxonSignedRank([0, 0, 1, -2, 3], 'greater');
    expect(r).toMatchObject({ statistic: 8, n: 5, zeros: 2, exact: false });
    expect(r.pValue).toBeCloseTo(0.335687, 5);
  });

  it('keeps zeros in n (Pratt), unlike Wilcoxon’s method which would drop them', () => {
    // Wilcoxon's method on the same data would rank only 1, −2, 3 (T⁺ = 4 of 6).
    expect(wilcoxonSignedRank([0, 0, 1, -2, 3], 'two-sided').n).toBe(5);
  });

  it('gives p = 1 when every difference is zero', () => {
    expect(wilcoxonSignedRank([0, 0, 0], 'greater')).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('uses the normal approximation from 50 differences on, even without ties', () => {
    // d = 1 … 50 with the first 20 negative: T⁺ = Σ 21 … 50 = 1065, mean 637.5,
    // σ² = 50·51·101/24 = 10731.25; 'greater': z = (1065 − 637.5 − ½)/103.5918 = 4.12117,
    // 1 − Φ(z) = 1.878394e-5 (SciPy: wilcoxon(d, 'pratt', alternative='greater', method='asymptotic'))
    const d = Array.from({ length: 50 }, (_, i) => (i < 20 ? -(i + 1) : i + 1));
    const r = wilcoxonSignedRank(d, 'greater');
    expect(r).toMatchObject({ statistic: 1065, exact: false });
    expect(r.pValue / 1.878393810170382e-5).toBeCloseTo(1, 5);
  });

  it('is antisymmetric: negating the differences swaps greater and less', () => {
    const d = logRatios(setA);
    expect(wilcoxonSignedRank(d.map((x) => -x), 'less').pValue).toBeCloseTo(wilcoxonSignedRank(d, 'greater').pValue, 15);
  });

  it('rejects an empty or non-finite input', () => {
    expect(() => wilcoxonSignedRank([], 'greater')).toThrow(RangeError);
    expect(() => wilcoxonSignedRank([1, Number.NaN], 'greater')).toThrow(RangeError);
  });
});
