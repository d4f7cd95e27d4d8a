import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/stats/summarize.js';

describe('summarize', () => {
  it('gives type-7 percentiles: quantile(1:10, c(.5, .9, .99)) is 5.5, 9.1, 9.91 in R', () => {
    // h = (n − 1)p: 4.5 → 5 + .5·1; 8.1 → 9 + .1·1; 8.91 → 9 + .91·1
    const s = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'ns', 'lower');
    expect(s.p50).toBeCloseTo(5.5, 12);
    expect(s.median).toBeCloseTo(5.5, 12);
    expect(s.p90).toBeCloseTo(9.1, 12);
    expect(s.p99).toBeCloseTo(9.91, 12);
  });

  it('reports the raw, unscaled MAD: mad(c(1,1,2,2,4,6,9), constant = 1) is 1', () => {
    // median 2; |x − 2| = 1,1,0,0,2,4,7 → median 1
    expect(summarize([1, 1, 2, 2, 4, 6, 9], 'ns', 'lower').mad).toBe(1);
  });

  it('gives mean and sample-sd CV: 2,4,4,4,5,5,7,9 has mean 5 and sd √(32/7)', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9], 'ms', 'lower');
    expect(s.mean).toBe(5);
    expect(s.cv).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12); // 0.42762
  });

  it('carries n, min, max, unit and direction', () => {
    const s = summarize(Float64Array.of(3, 1, 2), 'ops/s', 'higher');
    expect(s).toMatchObject({ n: 3, min: 1, max: 3, unit: 'ops/s', direction: 'higher' });
  });

  it('has zero CV and zero MAD for a single sample', () => {
    expect(summarize([42], 'ns', 'lower')).toMatchObject({ n: 1, median: 42, mad: 0, cv: 0, p99: 42 });
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    summarize(samples, 'ns', 'lower');
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects empty input', () => {
    expect(() => summarize([], 'ns', 'lower')).toThrow(RangeError);
  });

  it('rejects NaN and infinite samples', () => {
    expect(() => summarize([1, Number.NaN], 'ns', 'lower')).toThrow(RangeError);
    expect(() => summarize([1, Number.POSITIVE_INFINITY], 'ns', 'lower')).toThrow(RangeError);
  });
});
