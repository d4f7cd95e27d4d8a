import { describe, expect, it } from 'vitest';
import { welchTTest } from '../../../src/engine/stats/welch-t-test.js';

// Reference values: SciPy 1.17, scipy.stats.ttest_ind(x, y, equal_var=False),
// whose t is x − y; welchTTest reports y − x (after minus before).
describe('welchTTest', () => {
  it('matches SciPy on two samples of similar spread', () => {
    const r = welchTTest([100.1, 99.7, 100.4, 99.9, 100.2], [101.3, 100.9, 101.8, 101.1, 101.6, 101.0]);
    expect(r.t).toBeCloseTo(6.488718658897475, 12);
    expect(r.df).toBeCloseTo(8.958815331254485, 12);
    expect(r.pValue / 0.00011527446209449946).toBeCloseTo(1, 10);
    expect(r.meanX).toBeCloseTo(100.06, 12);
  });

  it('matches SciPy when the spreads differ a lot: 3 noisy values against 7 quiet ones (df ≈ 2.09)', () => {
    const r = welchTTest([1, 2, 3], [10, 10.5, 9.8, 10.1, 10.2, 9.9, 10.0]);
    expect(r.t).toBeCloseTo(13.825798154565199, 12);
    expect(r.df).toBeCloseTo(2.090452665871761, 12);
    expect(r.pValue / 0.00434451587307196).toBeCloseTo(1, 10);
  });

  it('gives p = 1 for identical constant samples and p = 0 for different constant ones', () => {
    expect(welchTTest([5, 5], [5, 5, 5])).toMatchObject({ t: 0, pValue: 1 });
    expect(welchTTest([5, 5], [6, 6, 6])).toMatchObject({ t: Infinity, pValue: 0 });
  });

  it('rejects a sample of fewer than 2 values', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
  });
});
