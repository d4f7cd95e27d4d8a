import { describe, expect, it } from 'vitest';
import { describeDrift } from '../../../src/engine/stats/describe-drift.js';
import { eDivisive } from '../../../src/engine/stats/e-divisive.js';

/** c00 … c99: commit ids whose number is their index in the series. */
const commits = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(2, '0')}`);

describe('describeDrift', () => {
  it('names the last commit before the drift, the first at the new level, and the commits between', () => {
    // Two change points bracket a drift over commits 41 … 45.
    const changePoints = [
      { index: 41, meanBefore: 100, meanAfter: 103.5 },
      { index: 45, meanBefore: 103.5, meanAfter: 105.8 },
    ];
    expect(describeDrift(changePoints, commits)).toBe('+5.8% between c40 and c45, over 5 commits');
  });

  it('says "in one commit" for a single change point', () => {
    expect(describeDrift([{ index: 41, meanBefore: 100, meanAfter: 104.9 }], commits)).toBe('+4.9% between c40 and c41, in one commit');
  });

  it('gives an improvement a minus sign', () => {
    expect(describeDrift([{ index: 10, meanBefore: 200, meanAfter: 190 }], commits)).toBe('−5.0% between c09 and c10, in one commit');
  });

  it('shortens commit ids to 7 characters, or as asked', () => {
    const shas = ['a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d'];
    const changePoint = [{ index: 1, meanBefore: 100, meanAfter: 105.8 }];
    expect(describeDrift(changePoint, shas)).toBe('+5.8% between a1b2c3d and d4e5f6a, in one commit');
    expect(describeDrift(changePoint, shas, { abbrev: 6 })).toBe('+5.8% between a1b2c3 and d4e5f6, in one commit');
  });

  it('describes what eDivisive finds in a drift over five commits', () => {
    // 40 flat, five steps of +1% at commits 40 … 44, then flat; ±0.1% wiggle.
    const levels = [...Array.from({ length: 40 }, () => 100), ...[1, 2, 3, 4, 5].map((k) => 100 * 1.01 ** k), ...Array.from({ length: 40 }, () => 100 * 1.01 ** 5)];
    const series = levels.map((v, i) => v * (1 + 0.001 * Math.sin(2.3 * i)));
    // The truth is "+5.1% between c39 and c44, over 5 commits"; the change points (39 and 45)
    // bracket it one commit wide on each side, since a ramp has no sharp edge.
    expect(describeDrift(eDivisive(series), commits)).toBe('+5.1% between c38 and c45, over 7 commits');
  });

  it('rejects no change points, out-of-order ones, and indices without a commit before them', () => {
    expect(() => describeDrift([], commits)).toThrow(RangeError);
    expect(() => describeDrift([{ index: 0, meanBefore: 1, meanAfter: 2 }], commits)).toThrow(RangeError);
    expect(() => describeDrift([{ index: 100, meanBefore: 1, meanAfter: 2 }], commits)).toThrow(RangeError);
    const outOfOrder = [
      { index: 45, meanBefore: 1, meanAfter: 2 },
      { index: 41, meanBefore: 2, meanAfter: 3 },
    ];
    expect(() => describeDrift(outOfOrder, commits)).toThrow(RangeError);
  });
});
