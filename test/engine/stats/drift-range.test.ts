import { describe, expect, it } from 'vitest';
import { driftRange } from '../../../src/engine/stats/drift-range.js';
import { mulberry32, normals } from './seeded-random.js';

const flat = (n: number, level: number): number[] => Array.from({ length: n }, () => level);
/** A small wobble that is not noise-free but has no trend: ±0.1. */
const wobble = (z: number[]) => z.map((v, i) => v + (i % 2 === 0 ? 0.1 : -0.1));

describe('driftRange', () => {
  it('finds a clean ramp exactly: the last point before it, the first at the new level, both levels', () => {
    // 100 until 39, then 101 … 104 (the ramp, 40–43), 105 from 44.
    const z = wobble([...flat(40, 100), 101, 102, 103, 104, ...flat(20, 105)]);
    const range = driftRange(z, 0, z.length, 42, 42);
    expect(range).toMatchObject({ start: 40, end: 44 });
    expect(range.meanBefore).toBeCloseTo(100, 1);
    expect(range.meanAfter).toBeCloseTo(105, 1);
  });

  it('calls a clean step a step, wherever in the step the change point was put', () => {
    const z = wobble([...flat(30, 100), ...flat(30, 105)]);
    expect(driftRange(z, 0, z.length, 30, 30)).toMatchObject({ start: 30, end: 30 });
    expect(driftRange(z, 0, z.length, 28, 28)).toMatchObject({ start: 30, end: 30 });
  });

  it('puts a 1%-per-commit drift over 5 commits in 1% noise at about five commits, and sizes it', () => {
    const levels = [...flat(40, 100), ...[1, 2, 3, 4, 5].map((k) => 100 * 1.01 ** k), ...flat(20, 100 * 1.01 ** 5)];
    const widths: number[] = [];
    for (let seed = 400; seed < 430; seed++) {
      const normal = normals(mulberry32(seed));
      const z = levels.map((v) => v * (1 + 0.01 * normal()));
      const range = driftRange(z, 0, z.length, 42, 42);
      widths.push(range.end - range.start + 1);
      expect(range.meanAfter / range.meanBefore, `seed ${seed}`).toBeCloseTo(1.051, 1);
      expect(range.start, `seed ${seed}`).toBeGreaterThanOrEqual(36);
      expect(range.end, `seed ${seed}`).toBeLessThanOrEqual(47);
    }
    widths.sort((a, b) => a - b);
    // The truth is 5 (from commit 39 to commit 44); the median estimate sits within one of it.
    expect(widths[15]).toBeGreaterThanOrEqual(4);
    expect(widths[15]).toBeLessThanOrEqual(6);
  });

  it('keeps both levels at least minSegment long, and refuses change points with no room for them', () => {
    const z = wobble([...flat(5, 100), ...flat(5, 110)]);
    const range = driftRange(z, 0, z.length, 5, 5, { minSegment: 3 });
    expect(range.start).toBeGreaterThanOrEqual(3);
    expect(range.end).toBeLessThanOrEqual(7);
    expect(() => driftRange(z, 0, z.length, 2, 2)).toThrow(RangeError);
    expect(() => driftRange(z, 0, z.length, 8, 8)).toThrow(RangeError);
  });
});
