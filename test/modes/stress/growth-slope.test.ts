import { describe, expect, it } from 'vitest';
import type { StressSample } from '../../../src/modes/stress/stress-stats.js';
import { growthSlope } from '../../../src/modes/stress/growth-slope.js';

const MB = 1024 * 1024;

function samples(heapMb: number[]): StressSample[] {
  return heapMb.map((mb, i) => ({ atMs: i * 1000, heapBytes: mb * MB, rssBytes: 100 * MB, loopDelayP99Ms: 0, loopDelayMaxMs: 0, elu: 0, gcPauseMs: 0, gcMaxPauseMs: 0, handles: 0 }));
}

describe('growthSlope', () => {
  it('is the per-minute slope of a steady climb', () => {
    // 1 MB per second = 60 MB per minute.
    expect(growthSlope(samples([10, 11, 12, 13, 14]), 'heapBytes', 0)?.perMinute).toBeCloseTo(60 * MB);
  });

  it('leaves the warm-up out', () => {
    const growth = growthSlope(samples([1, 20, 30, 30, 30, 30]), 'heapBytes', 2000);
    expect(growth?.perMinute).toBe(0);
    expect(growth?.samples).toBe(4);
  });

  it('is not moved by one outlier (median of pairwise slopes)', () => {
    expect(growthSlope(samples([10, 10, 40, 10, 10, 10]), 'heapBytes', 0)?.perMinute).toBe(0);
  });

  it('says nothing with fewer than three samples after warm-up', () => {
    expect(growthSlope(samples([10, 11, 12]), 'heapBytes', 1000)).toBeNull();
  });
});
