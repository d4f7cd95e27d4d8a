import { describe, expect, it } from 'vitest';
import { eDivisive } from '../../../src/engine/stats/e-divisive.js';
import type { ChangePoint } from '../../../src/engine/stats/e-divisive.js';
import { mulberry32, normals } from './seeded-random.js';

/** `levels` with multiplicative normal noise of `cv`, from the seeded generator (ported to reference/e_divisive_reference.py). */
function noisy(levels: readonly number[], seed: number, cv = 0.01): number[] {
  const normal = normals(mulberry32(seed));
  return levels.map((v) => v * (1 + cv * normal()));
}

const flat = (n: number, level: number): number[] => Array.from({ length: n }, () => level);
/** 40 flat runs, five commits each 1% slower, 40 flat runs 5.1% slower. */
const driftLevels = [...flat(40, 100), ...[1, 2, 3, 4, 5].map((k) => 100 * 1.01 ** k), ...flat(40, 100 * 1.01 ** 5)];
/** A 4% regression for 15 commits, then reverted. */
const epidemicLevels = [...flat(60, 100), ...flat(15, 104), ...flat(60, 100)];
/** One run at 1.5× at 30, and a 3% step in the last 10 commits. */
const spikeLevels = [...flat(90, 100), ...flat(10, 103)];
spikeLevels[30] = 150;

// Expected values: test/engine/stats/reference/e_divisive_reference.py, a
// second implementation of the same method (Q̂ by brute force over every
// split with NumPy, t-tests from scipy.stats.ttest_ind), run on the same
// seeded series (numpy 2.4, scipy 1.17).
const reference: { name: string; series: number[]; first: number; options: Parameters<typeof eDivisive>[1]; expected: ChangePoint[] }[] = [
  {
    name: 'a 1%-per-commit drift over 5 commits',
    series: noisy(driftLevels, 7),
    first: 100.14197043782156,
    options: {},
    expected: [{ index: 41, meanBefore: 100.13733229441638, meanAfter: 104.94847792441948, ratio: 1.0480454743477459, pValue: 7.025747205940518e-33, rawPValue: 8.782184007425649e-35 }],
  },
  {
    name: 'a 15-commit regression, reverted',
    series: noisy(epidemicLevels, 8),
    first: 99.58824526257752,
    options: {},
    expected: [
      { index: 60, meanBefore: 100.05524462434005, meanAfter: 103.79565471112582, ratio: 1.0373834485221562, pValue: 2.5094661278894426e-20, rawPValue: 3.5849516112706324e-22 },
      { index: 75, meanBefore: 103.79565471112582, meanAfter: 100.03987096683379, ratio: 0.9638155975339742, pValue: 7.89512465499136e-21, rawPValue: 1.1278749507130513e-22 },
    ],
  },
  {
    name: 'a 15-commit regression, reverted, with Welch’s test',
    series: noisy(epidemicLevels, 8),
    first: 99.58824526257752,
    options: { test: 'welch' },
    expected: [
      { index: 60, meanBefore: 100.05524462434005, meanAfter: 103.79565471112582, ratio: 1.0373834485221562, pValue: 8.287717689307044e-10, rawPValue: 1.1839596699010063e-11 },
      { index: 75, meanBefore: 103.79565471112582, meanAfter: 100.03987096683379, ratio: 0.9638155975339742, pValue: 8.879958948568062e-10, rawPValue: 1.2685655640811518e-11 },
    ],
  },
  {
    name: 'a spike and a 3% step in the last 10 commits',
    series: noisy(spikeLevels, 9),
    first: 100.3953545967717,
    options: {},
    expected: [{ index: 90, meanBefore: 100.17914113208624, meanAfter: 103.12628088122298, ratio: 1.0294186965054026, pValue: 5.538278529340781e-13, rawPValue: 5.829766872990296e-15 }],
  },
  {
    // Without despiking, the spike's variance hides the step (Otava behaves the same).
    name: 'a spike and a 3% step in the last 10 commits, spikes kept',
    series: noisy(spikeLevels, 9),
    first: 100.3953545967717,
    options: { despike: false },
    expected: [],
  },
];

describe('eDivisive', () => {
  for (const { name, series, first, options, expected } of reference) {
    it(`matches the independent Python implementation on ${name}`, () => {
      expect(series[0]).toBeCloseTo(first, 12); // the same series on both sides
      const found = eDivisive(series, options);
      expect(found.map((c) => c.index)).toEqual(expected.map((c) => c.index));
      found.forEach((c, i) => {
        const e = expected[i]!;
        expect(c.meanBefore).toBeCloseTo(e.meanBefore, 10);
        expect(c.meanAfter).toBeCloseTo(e.meanAfter, 10);
        expect(c.ratio).toBeCloseTo(e.ratio, 12);
        expect(c.pValue / e.pValue).toBeCloseTo(1, 6);
        expect(c.rawPValue / e.rawPValue).toBeCloseTo(1, 6);
      });
    });
  }

  it('finds a 1%-per-commit drift over 5 commits in 1% noise, located and sized, over 20 seeds', () => {
    for (let seed = 100; seed < 120; seed++) {
      const found = eDivisive(noisy(driftLevels, seed));
      expect(found.length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(found.length, `seed ${seed}`).toBeLessThanOrEqual(2);
      // The drift is commits 40–44; a change point says where the new level starts.
      for (const c of found) expect(c.index, `seed ${seed}`).toBeGreaterThanOrEqual(39);
      for (const c of found) expect(c.index, `seed ${seed}`).toBeLessThanOrEqual(46);
      const total = found[found.length - 1]!.meanAfter / found[0]!.meanBefore;
      expect(total, `seed ${seed}`).toBeCloseTo(1.051, 2);
    }
  });

  it('finds nothing in 200 points of A/A noise (1%) over 50 seeds', () => {
    // Measured over 1000 seeds: 1 series of 1000 gets any change point (Welch's test: 147).
    let falsePositives = 0;
    for (let seed = 1000; seed < 1050; seed++) falsePositives += eDivisive(noisy(flat(200, 100), seed)).length;
    expect(falsePositives).toBe(0);
  });

  it('does not call one spike a change, with or without despiking', () => {
    const levels = flat(60, 100);
    levels[30] = 160;
    expect(eDivisive(noisy(levels, 11))).toEqual([]);
    expect(eDivisive(noisy(levels, 11), { despike: false })).toEqual([]);
  });

  it('finds a change three commits from the end, and not two (minSegment)', () => {
    const three = eDivisive([...flat(40, 100), ...flat(3, 110)].map((v, i) => v + 0.1 * Math.sin(2.3 * i)));
    expect(three.map((c) => c.index)).toEqual([40]);
    const two = eDivisive([...flat(40, 100), ...flat(2, 110)].map((v, i) => v + 0.1 * Math.sin(2.3 * i)));
    expect(two).toEqual([]);
  });

  it('reports a clean step exactly: means of the two segments and their ratio', () => {
    const found = eDivisive([...flat(20, 100), ...flat(20, 105)].map((v, i) => v + (i % 2 === 0 ? 0.2 : -0.2)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ index: 20, meanBefore: expect.closeTo(100, 12), meanAfter: expect.closeTo(105, 12), ratio: expect.closeTo(1.05, 12) });
  });

  it('handles 18k points in well under a second or two (windows keep it O(n·w))', () => {
    // Measured on the 2-core lab machine: 2 000 points 20–50 ms, 18 000 points ~140 ms;
    // 2 000 points in a single window (no windowing, O(n²)) ~700 ms.
    const series = noisy([...flat(9000, 100), ...flat(9000, 105)], 12);
    const started = performance.now();
    const found = eDivisive(series);
    const elapsed = performance.now() - started;
    expect(found.map((c) => c.index)).toEqual([9000]);
    expect(elapsed).toBeLessThan(5000);
  });

  it('defaults to p = 0.001 and a minimum segment of 3', () => {
    // Seed 21's noise has a stretch that splits off at a corrected p of about 0.002.
    const normal = normals(mulberry32(21));
    const z = Array.from({ length: 60 }, (_, i) => (i < 30 ? 100 : 100.5) * (1 + 0.01 * normal()));
    const loose = eDivisive(z, { pValue: 0.01 });
    expect(loose.some((c) => c.pValue > 0.001 && c.pValue <= 0.01)).toBe(true);
    expect(eDivisive(z)).toEqual(eDivisive(z, { pValue: 0.001, minSegment: 3 }));
    expect(eDivisive(z)).toEqual([]);
    for (const c of eDivisive(noisy(driftLevels, 7))) expect(c.pValue).toBeLessThanOrEqual(0.001);
  });

  it('has no change points in a series shorter than 2 × minSegment', () => {
    expect(eDivisive([1, 2, 30, 40, 50])).toEqual([]);
    expect(eDivisive([])).toEqual([]);
  });

  it('rejects bad options and non-finite values', () => {
    expect(() => eDivisive([1, 2, 3, 4, 5, 6], { minSegment: 1 })).toThrow(RangeError);
    expect(() => eDivisive([1, 2, 3, 4, 5, 6], { window: 5 })).toThrow(RangeError);
    expect(() => eDivisive([1, 2, 3, 4, 5, 6], { pValue: 0 })).toThrow(RangeError);
    expect(() => eDivisive([1, 2, 3, 4, 5, Number.NaN])).toThrow(RangeError);
  });
});
