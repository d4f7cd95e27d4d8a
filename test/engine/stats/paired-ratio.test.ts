import { describe, expect, it } from 'vitest';
import { pairedRatio, walshAverages } from '../../../src/engine/stats/paired-ratio.js';
import { logRatios, setA, setB, setC } from './paired-reference-data.js';
import { lognormalRuns, mulberry32, normals } from './seeded-random.js';

// Expected values: test/engine/stats/reference/paired_reference.py — the
// Walsh averages and their median with NumPy, the critical k by listing all
// 2ⁿ sign patterns (n < 50) or round(N/2 − z·σ) (n ≥ 50), p-values from
// scipy.stats.wilcoxon(zero_method='pratt', correction=True).
// One row a set: its name, the pairs, the Hodges–Lehmann ratio, the one-sided
// p (greater), and the interval [low, high] at each of CONFIDENCES (the
// critical k of each in the comment).
const CONFIDENCES = [0.9, 0.95, 0.99];
type Interval = readonly [number, number];
type PairedSet = { baseline: readonly number[]; candidate: readonly number[] };
const reference: [string, PairedSet, number, number, readonly [Interval, Interval, Interval]][] = [
  ['set A (12 untied pairs)', setA, 1.0332135129156412, 0.001220703125, [[1.0196004068382578, 1.043781094527363], [1.0170100549497225, 1.045731963653127], [1.0113498319874437, 1.049504950495049]]], // k 18, 14, 8
  ['set B (20 integer pairs, 5 zeros)', setB, 1.019803902718557, 0.0008043794786821533, [[1.0099504938362078, 1.0204081632653061], [1.0099504938362078, 1.0295630140987002], [1.009554357129917, 1.0299514551666988]]], // k 61, 53, 38
  ['set C (60 pairs, normal critical value)', setC, 1.01441346280882, 8.29856910998722e-5, [[1.0093438391957643, 1.0195843986055124], [1.0073391506442184, 1.0214906126454255], [1.0049030185394965, 1.023941747979574]]], // k 692, 649, 565
];

describe('pairedRatio', () => {
  it.each(reference)('matches the NumPy/SciPy reference on %s: Hodges–Lehmann ratio, p, and the interval at 90, 95 and 99 percent', (_name, set, ratio, pGreater, intervals) => {
    intervals.forEach(([ciLow, ciHigh], i) => {
      const r = pairedRatio(set.baseline, set.candidate, CONFIDENCES[i], 'greater');
      expect(r.ratio).toBeCloseTo(ratio, 12);
      expect(r.ciLow).toBeCloseTo(ciLow, 12);
      expect(r.ciHigh).toBeCloseTo(ciHigh, 12);
      expect(r.pValue / pGreater).toBeCloseTo(1, 6);
      expect(r.n).toBe(set.baseline.length);
    });
  });

  it('is exact only below 50 pairs without zeros or ties', () => {
    expect(pairedRatio(setA.baseline, setA.candidate).exact).toBe(true);
    expect(pairedRatio(setB.baseline, setB.candidate).exact).toBe(false);
    expect(pairedRatio(setC.baseline, setC.candidate).exact).toBe(false);
  });

  it('works out a hand example: 3 pairs, 6 Walsh averages, the full range at any confidence', () => {
    // d = log 2, log 4, log 8 → Walsh averages (as powers of 2): 1, 1.5, 2, 2, 2.5, 3; median 2 → ratio 4.
    // n = 3: P(T⁺ ≤ 0) = 1/8 > .025, so k = 1: [2¹, 2³].
    const r = pairedRatio([1, 1, 1], [2, 4, 8], 0.95);
    expect(r.ratio).toBeCloseTo(4, 12);
    expect(r.ciLow).toBeCloseTo(2, 12);
    expect(r.ciHigh).toBeCloseTo(8, 12);
  });

  it('tests the requested direction: a clear speed-up has p ≈ 1 for greater and small p for less', () => {
    const greater = pairedRatio(setA.candidate, setA.baseline, 0.95, 'greater');
    const less = pairedRatio(setA.candidate, setA.baseline, 0.95, 'less');
    expect(greater.pValue).toBeCloseTo(0.999267578125, 15);
    expect(less.pValue).toBeCloseTo(0.001220703125, 15);
  });

  it('inverts when baseline and candidate swap', () => {
    const forward = pairedRatio(setA.baseline, setA.candidate, 0.9);
    const backward = pairedRatio(setA.candidate, setA.baseline, 0.9);
    expect(backward.ratio).toBeCloseTo(1 / forward.ratio, 12);
    expect(backward.ciLow).toBeCloseTo(1 / forward.ciHigh, 12);
    expect(backward.ciHigh).toBeCloseTo(1 / forward.ciLow, 12);
  });

  it('cancels drift shared by the two runs of a pair, which an unpaired interval cannot', () => {
    // The machine slows from 100 to 200 over the runs; the candidate is 2% slower than its partner.
    const normal = normals(mulberry32(17));
    const machine = Array.from({ length: 20 }, (_, i) => 100 + 5 * i);
    const baseline = machine.map((m) => m * Math.exp(0.003 * normal()));
    const candidate = machine.map((m) => 1.02 * m * Math.exp(0.003 * normal()));
    const r = pairedRatio(baseline, candidate, 0.99);
    expect(r.ciLow).toBeGreaterThan(1.01);
    expect(r.ciHigh).toBeLessThan(1.03);
  });

  it('covers the true ratio at about the stated rate (95% interval, 400 seeded trials of 15 pairs)', () => {
    const normal = normals(mulberry32(23));
    let covered = 0;
    for (let t = 0; t < 400; t++) {
      const b = lognormalRuns(normal, 15, 100, 0.02);
      const c = lognormalRuns(normal, 15, 104, 0.02);
      const r = pairedRatio(b, c, 0.95);
      if (r.ciLow <= 1.04 && 1.04 <= r.ciHigh) covered++;
    }
    // n = 15: k = 26, actual coverage 1 − 2·P(T⁺ ≤ 25) = 0.9521; binomial sd over 400 trials ≈ 1.1%.
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.98);
  });

  it('rejects unequal lengths, zero or negative values, and a confidence outside (0, 1)', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatio([1, 0], [1, 2])).toThrow(RangeError);
    expect(() => pairedRatio([1, 2], [1, -2])).toThrow(RangeError);
    expect(() => pairedRatio([1, 2], [1, 2], 1)).toThrow(RangeError);
  });
});

describe('walshAverages', () => {
  it('lists (dᵢ + dⱼ)/2 for all i ≤ j, sorted', () => {
    expect(Array.from(walshAverages([3, 1, 2]))).toEqual([1, 1.5, 2, 2, 2.5, 3]);
  });

  it('has the median the reference computes for set A', () => {
    const w = walshAverages(logRatios(setA)); // 78 values
    expect(Math.exp(((w[38] as number) + (w[39] as number)) / 2)).toBeCloseTo(1.0332135129156412, 12);
  });
});
