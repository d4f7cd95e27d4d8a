import { describe, expect, it } from 'vitest';
import { robustCv } from '../../../src/engine/stats/robust-noise.js';

describe('robustCv', () => {
  it('is 1.4826 · MAD / median: 98, 99, 100, 101, 102 gives 1.4826 · 1 / 100', () => {
    // median 100; |x − 100| = 2,1,0,1,2 → MAD 1
    expect(robustCv([98, 99, 100, 101, 102])).toBeCloseTo(0.014826, 12);
  });

  it('ignores a single wild outlier', () => {
    expect(robustCv([98, 99, 100, 101, 1e6])).toBeCloseTo(0.014826, 12);
  });

  it('is 0 when the median is 0', () => {
    expect(robustCv([-1, 0, 0, 0, 5])).toBe(0);
  });

  it('rejects empty input', () => {
    expect(() => robustCv([])).toThrow(RangeError);
  });
});
