import { describe, expect, it } from 'vitest';
import { detectBursts } from '../../../src/engine/stats/detect-bursts.js';

describe('detectBursts', () => {
  it('counts runs at least 1.5× their side’s median on each side, and the stretches of pairs they fall in', () => {
    // Baseline median 100.5, candidate median 102; pairs 2–3 hit both sides (≈ ×1.8), pair 6 the baseline only (≈ ×2).
    const baseline = [100, 99, 180, 181, 101, 100, 200, 100];
    const candidate = [102, 101, 184, 183, 103, 102, 102, 101];
    const b = detectBursts(baseline, candidate, 'lower');
    expect(b).toMatchObject({ baselineRuns: 3, candidateRuns: 2, runs: 16, onBothSides: true });
    expect(b.stretches).toEqual([
      [2, 3],
      [6, 6],
    ]);
    // factors: 180, 181, 200 over 100.5 (baseline); 184, 183 over 102 (candidate) → median 181/100.5
    expect(b.factor).toBeCloseTo(181 / 100.5, 12);
  });

  it('does not call a slow path on one side a machine burst', () => {
    const b = detectBursts([100, 100, 100, 100], [100, 160, 100, 100], 'lower');
    expect(b).toMatchObject({ baselineRuns: 0, candidateRuns: 1, onBothSides: false });
  });

  it('looks for low values when higher is better', () => {
    // Throughput halves in pair 1 on both sides: 2× worse.
    const b = detectBursts([1000, 500, 1000, 1000], [990, 495, 990, 990], 'higher');
    expect(b).toMatchObject({ baselineRuns: 1, candidateRuns: 1, onBothSides: true, factor: 2 });
  });

  it('reports none on quiet runs, with factor 1', () => {
    expect(detectBursts([100, 101, 99], [102, 100, 101], 'lower')).toMatchObject({
      baselineRuns: 0,
      candidateRuns: 0,
      factor: 1,
      onBothSides: false,
      stretches: [],
    });
  });

  it('rejects unequal sides and a factor of 1 or less', () => {
    expect(() => detectBursts([1, 2], [1], 'lower')).toThrow(RangeError);
    expect(() => detectBursts([1], [1], 'lower', 1)).toThrow(RangeError);
  });
});
