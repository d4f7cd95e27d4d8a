import { describe, expect, it } from 'vitest';
import { pooledTTest } from '../../../src/engine/stats/pooled-t-test.js';
import { welchTTest } from '../../../src/engine/stats/welch-t-test.js';

// Reference values: SciPy 1.17, scipy.stats.ttest_ind(x, y) (pooled variance),
// whose t is x − y; pooledTTest reports y − x (after minus before).
describe('pooledTTest', () => {
  it('matches SciPy on two samples of similar spread', () => {
    const r = pooledTTest([100.1, 99.7, 100.4, 99.9, 100.2], [101.3, 100.9, 101.8, 101.1, 101.6, 101.0]);
    expect(r.t).toBeCloseTo(6.317682161915365, 12);
    expect(r.df).toBe(9);
    expect(r.pValue / 0.0001380565580543484).toBeCloseTo(1, 10);
  });

  it('matches SciPy when one short sample is noisy: 3 values against 7 quiet ones', () => {
    const r = pooledTTest([1, 2, 3], [10, 10.5, 9.8, 10.1, 10.2, 9.9, 10.0]);
    expect(r.t).toBeCloseTo(21.746860139475906, 12);
    expect(r.pValue / 2.1077331065716363e-8).toBeCloseTo(1, 10);
  });

  it('does not trust a short tight segment as Welch does: 3 tight points against 40 noisy ones', () => {
    const tight = [100.6, 100.61, 100.62];
    const noisy = Array.from({ length: 40 }, (_, i) => 100 + (((i * 17) % 40) - 19.5) / 19.5);
    expect(welchTTest(noisy, tight).pValue).toBeLessThan(1e-5);
    expect(pooledTTest(noisy, tight).pValue).toBeGreaterThan(0.05);
  });

  it('gives p = 1 for identical constant samples and rejects a sample of one value', () => {
    expect(pooledTTest([5, 5], [5, 5, 5])).toMatchObject({ t: 0, pValue: 1 });
    expect(() => pooledTTest([1], [1, 2])).toThrow(RangeError);
  });
});
