import { describe, expect, it } from 'vitest';
import { despike } from '../../../src/engine/stats/despike.js';

/** ±0.1 pseudo-noise, the same every time. */
const wiggle = (i: number): number => 0.1 * Math.sin(2.3 * i);

describe('despike', () => {
  it('replaces a lone spike by the median of its neighbourhood', () => {
    const z = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i));
    z[8] = 150;
    const { series, spikes } = despike(z, 3);
    expect(spikes).toEqual([8]);
    // neighbourhood z[6..10]: the spike and 100 + 0.1·sin(2.3·i) for i = 6, 7, 9, 10 → its median is i = 6's (99.915, 99.962, 100.094, 100.096, 150)
    expect(series[8]).toBeCloseTo(100 + 0.1 * Math.sin(2.3 * 6), 12);
    expect(series.filter((_, i) => i !== 8)).toEqual(z.filter((_, i) => i !== 8));
  });

  it('replaces a stretch shorter than minSegment, and leaves one of minSegment points alone', () => {
    const two = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i) + (i === 8 || i === 9 ? 10 : 0));
    expect(despike(two, 3).spikes).toEqual([8, 9]);
    const three = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i) + (i >= 8 && i <= 10 ? 10 : 0));
    expect(despike(three, 3).spikes).toEqual([]);
  });

  it('treats the ends like the middle: two raised points at the end are replaced, three are not', () => {
    const two = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i) + (i >= 18 ? 10 : 0));
    expect(despike(two, 3).spikes).toEqual([18, 19]);
    const three = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i) + (i >= 17 ? 10 : 0));
    expect(despike(three, 3).spikes).toEqual([]);
  });

  it('never touches a step, however large', () => {
    const step = Array.from({ length: 20 }, (_, i) => 100 + wiggle(i) + (i >= 10 ? 50 : 0));
    expect(despike(step, 3)).toEqual({ series: step, spikes: [] });
  });

  it('leaves a series without measurable noise alone', () => {
    expect(despike([5, 5, 5, 9, 5, 5], 3).spikes).toEqual([]);
  });

  it('rejects minSegment below 2', () => {
    expect(() => despike([1, 2, 3], 1)).toThrow(RangeError);
  });
});
