import { describe, expect, it } from 'vitest';
import { bestEnergySplit } from '../../../src/engine/stats/energy-divergence.js';
import { mulberry32, normals } from './seeded-random.js';

/** Q̂(X, Y) from its definition, every sum computed afresh. */
function qHat(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const m = y.length;
  let between = 0;
  for (const a of x) for (const b of y) between += Math.abs(a - b);
  let withinX = 0;
  for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) withinX += Math.abs(x[i]! - x[k]!);
  let withinY = 0;
  for (let j = 0; j < m; j++) for (let k = j + 1; k < m; k++) withinY += Math.abs(y[j]! - y[k]!);
  return (2 * between - (2 * m * withinX) / (n - 1) - (2 * n * withinY) / (m - 1)) / (n + m);
}

describe('bestEnergySplit', () => {
  const tiny = [1.0, 1.2, 0.9, 1.1, 3.0, 3.2, 2.9, 1.0, 1.1, 0.8];

  it('matches the NumPy brute force of reference/e_divisive_reference.py: τ = 4, κ = 7, Q̂ = 6.171428571428572', () => {
    // The three raised points 4–6 are found as X = z[0, 4), Y = z[4, 7): the κ search finds a stretch inside.
    for (const minSegment of [2, 3]) {
      expect(bestEnergySplit(tiny, 0, 10, minSegment)).toEqual({ tau: 4, kappa: 7, divergence: expect.closeTo(6.171428571428572, 12) });
    }
    expect(bestEnergySplit(tiny, 0, 7, 2)).toEqual({ tau: 4, kappa: 7, divergence: expect.closeTo(6.171428571428572, 12) });
  });

  it('agrees with Q̂ from its definition over every admissible split of random segments', () => {
    const normal = normals(mulberry32(3));
    for (let trial = 0; trial < 10; trial++) {
      const z = Array.from({ length: 20 }, (_, i) => (i > 8 + trial ? 3 : 0) + normal());
      const start = trial % 3;
      const end = 20 - (trial % 2);
      const minSegment = 2 + (trial % 3);
      let best = { tau: -1, kappa: -1, divergence: -Infinity };
      for (let tau = start + minSegment; tau <= end - minSegment; tau++) {
        for (let kappa = tau + minSegment; kappa <= end; kappa++) {
          const q = qHat(z.slice(start, tau), z.slice(tau, kappa));
          if (q > best.divergence) best = { tau, kappa, divergence: q };
        }
      }
      const found = bestEnergySplit(z, start, end, minSegment);
      expect(found).toMatchObject({ tau: best.tau, kappa: best.kappa });
      expect(found!.divergence).toBeCloseTo(best.divergence, 10);
    }
  });

  it('has no split in a segment shorter than 2 × minSegment', () => {
    expect(bestEnergySplit(tiny, 0, 5, 3)).toBeNull();
    expect(bestEnergySplit(tiny, 0, 6, 3)).not.toBeNull();
  });
});
