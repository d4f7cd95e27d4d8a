import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../src/engine/stats/normal-distribution.js';

// Reference values: R's pnorm/qnorm (7 significant digits as R prints them).
describe('normalCdf', () => {
  it('matches pnorm at 1.96, 0 and -3', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.001349898, 8);
  });

  it('keeps relative accuracy far in the lower tail', () => {
    // pnorm(-6) = 9.865876e-10
    expect(normalCdf(-6) / 9.865876e-10).toBeCloseTo(1, 5);
  });
});

describe('normalQuantile', () => {
  it('matches qnorm at 0.975, 0.995, 0.999 and 0.9', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
  });

  it('is antisymmetric about one half', () => {
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
