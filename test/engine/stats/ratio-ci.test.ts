import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { ratioCi } from '../../../src/engine/stats/ratio-ci.js';
import { enumerateUCounts, pairwiseDifferences } from './brute-force.js';
import { lognormalRuns, mulberry32, normals } from './seeded-random.js';

// Logs chosen so that the 20 pairwise differences are distinct.
const baseLogs = [0, 0.11, 0.23, 0.3];
const candLogs = [0.14, 0.27, 0.36, 0.45, 0.62];
const baseline = baseLogs.map(Math.exp);
const candidate = candLogs.map(Math.exp);

/** Moses interval computed independently: critical value from enumerated splits, order statistics of the differences. */
function bruteForceCi(b: readonly number[], c: readonly number[], confidence: number): [number, number] {
  const counts = enumerateUCounts(b.length, c.length);
  const total = counts.reduce((x, y) => x + y, 0);
  let k = 0;
  let cumulative = counts[0]! / total; // P(U ≤ k)
  while (cumulative < (1 - confidence) / 2) {
    k++;
    cumulative += counts[k]! / total;
  }
  k = Math.max(k, 1);
  const d = pairwiseDifferences(b.map(Math.log), c.map(Math.log));
  return [Math.exp(d[k - 1]!), Math.exp(d[d.length - k]!)];
}

describe('ratioCi', () => {
  it('gives the ratio of medians', () => {
    // median(candidate) = e^0.36; median(baseline) = (e^0.11 + e^0.23) / 2
    expect(ratioCi(baseline, candidate).ratio).toBeCloseTo(Math.exp(0.36) / ((Math.exp(0.11) + Math.exp(0.23)) / 2), 12);
  });

  it('matches the hand-worked 90% interval: 3rd smallest and 3rd largest of 20 log differences', () => {
    // Sorted differences: −.16 −.09 −.03 .03 .04 .06 .13 .14 .15 .16 .22 .25 .27 .32 .34 .36 .39 .45 .51 .62
    // n = 4, m = 5 (126 splits): P(U ≤ 2) = 4/126 < .05 ≤ P(U ≤ 3) = 7/126, so k = 3: [d(3), d(18)].
    const ci = ratioCi(baseline, candidate, 0.9);
    expect(ci.ciLow).toBeCloseTo(Math.exp(-0.03), 12);
    expect(ci.ciHigh).toBeCloseTo(Math.exp(0.45), 12);
  });

  it('matches the hand-worked 95% interval: k = 2 since P(U ≤ 1) = 2/126 < .025 ≤ P(U ≤ 2) = 4/126', () => {
    const ci = ratioCi(baseline, candidate, 0.95);
    expect(ci.ciLow).toBeCloseTo(Math.exp(-0.09), 12);
    expect(ci.ciHigh).toBeCloseTo(Math.exp(0.51), 12);
  });

  it('falls back to the full range when no cut reaches the confidence (R’s qu = 1 rule)', () => {
    // n = m = 3: P(U ≤ 0) = 1/20 = .05 ≥ .005, so k would be 0 → 1: [min, max] difference.
    const ci = ratioCi([1, 2, 4], [3, 5, 8], 0.99);
    expect(ci.ciLow).toBeCloseTo(3 / 4, 12);
    expect(ci.ciHigh).toBeCloseTo(8 / 1, 12);
  });

  it('agrees with the brute-force interval on random small samples', () => {
    const normal = normals(mulberry32(7));
    for (let trial = 0; trial < 20; trial++) {
      const b = lognormalRuns(normal, 3 + (trial % 4), 100, 0.05);
      const c = lognormalRuns(normal, 4 + (trial % 3), 103, 0.05);
      const confidence = [0.8, 0.9, 0.95][trial % 3]!;
      const [low, high] = bruteForceCi(b, c, confidence);
      const ci = ratioCi(b, c, confidence);
      expect(ci.ciLow).toBeCloseTo(low, 12);
      expect(ci.ciHigh).toBeCloseTo(high, 12);
    }
  });

  it('uses the normal critical value from 50 per side: n = m = 60 at 95% cuts k = 1427', () => {
    // k = round(1800 − 1.959964 · √(3600 · 121 / 12)) = round(1800 − 373.42) = 1427
    const b = Array.from({ length: 60 }, (_, i) => 100 + i);
    const c = Array.from({ length: 60 }, (_, i) => 100.5 + i * 1.01);
    const d = pairwiseDifferences(b.map(Math.log), c.map(Math.log));
    const ci = ratioCi(b, c, 0.95);
    expect(ci.ciLow).toBeCloseTo(Math.exp(d[1427 - 1]!), 12);
    expect(ci.ciHigh).toBeCloseTo(Math.exp(d[3600 - 1427]!), 12);
  });

  it('contains the Hodges–Lehmann point estimate of the ratio', () => {
    const normal = normals(mulberry32(11));
    for (let trial = 0; trial < 30; trial++) {
      const b = lognormalRuns(normal, 10, 50, 0.03);
      const c = lognormalRuns(normal, 10, 52, 0.03);
      const hl = Math.exp(median(pairwiseDifferences(b.map(Math.log), c.map(Math.log))));
      const ci = ratioCi(b, c, 0.95);
      expect(ci.ciLow).toBeLessThanOrEqual(hl);
      expect(ci.ciHigh).toBeGreaterThanOrEqual(hl);
    }
  });

  it('widens as the confidence grows', () => {
    const normal = normals(mulberry32(3));
    const b = lognormalRuns(normal, 20, 50, 0.03);
    const c = lognormalRuns(normal, 20, 52, 0.03);
    const levels = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999].map((level) => ratioCi(b, c, level));
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]!.ciLow).toBeLessThanOrEqual(levels[i - 1]!.ciLow);
      expect(levels[i]!.ciHigh).toBeGreaterThanOrEqual(levels[i - 1]!.ciHigh);
    }
    expect(levels[5]!.ciHigh - levels[5]!.ciLow).toBeGreaterThan(levels[0]!.ciHigh - levels[0]!.ciLow);
  });

  it('inverts when baseline and candidate swap', () => {
    const forward = ratioCi(baseline, candidate, 0.9);
    const backward = ratioCi(candidate, baseline, 0.9);
    expect(backward.ciLow).toBeCloseTo(1 / forward.ciHigh, 12);
    expect(backward.ciHigh).toBeCloseTo(1 / forward.ciLow, 12);
  });

  it('does not depend on the unit', () => {
    const ci = ratioCi(baseline, candidate, 0.9);
    const scaled = ratioCi(baseline.map((v) => v * 1000), candidate.map((v) => v * 1000), 0.9);
    expect(scaled.ciLow).toBeCloseTo(ci.ciLow, 12);
    expect(scaled.ciHigh).toBeCloseTo(ci.ciHigh, 12);
  });

  it('rejects zero, negative and non-finite values', () => {
    expect(() => ratioCi([1, 0], [1, 2])).toThrow(RangeError);
    expect(() => ratioCi([1, 2], [-1, 2])).toThrow(RangeError);
    expect(() => ratioCi([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });

  it('rejects a confidence outside (0, 1)', () => {
    expect(() => ratioCi([1, 2], [1, 2], 1)).toThrow(RangeError);
    expect(() => ratioCi([1, 2], [1, 2], 0)).toThrow(RangeError);
  });
});
