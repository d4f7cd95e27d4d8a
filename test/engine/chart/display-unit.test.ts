import { describe, expect, it } from 'vitest';
import { displayUnit } from '../../../src/engine/chart/display-unit.js';

describe('displayUnit', () => {
  it('shows ns medians of about a millisecond in ms', () => {
    const unit = displayUnit('ns', [1.1e6, 1.2e6, 1.3e6]);
    expect(unit.unit).toBe('ms');
    expect(1.2e6 * unit.factor).toBeCloseTo(1.2, 12);
  });

  it('lets the typical median decide, not one outlier', () => {
    expect(displayUnit('ns', [800, 900, 950, 5e9]).unit).toBe('ns');
  });

  it('scales up from a larger input unit too', () => {
    const unit = displayUnit('ms', [2500, 3000]);
    expect(unit.unit).toBe('s');
    expect(3000 * unit.factor).toBeCloseTo(3, 12);
  });

  it('shows microseconds as µs', () => {
    expect(displayUnit('ns', [45_000]).unit).toBe('µs');
  });

  it('formats one value in its own best unit for a tooltip', () => {
    expect(displayUnit('ns', [1.2e6]).format(999_000)).toBe('999.0 µs');
    expect(displayUnit('ns', [1.2e6]).format(1_234_000)).toBe('1.23 ms');
  });

  it('leaves units that are not times as they are', () => {
    const unit = displayUnit('req/s', [12_000]);
    expect(unit).toMatchObject({ unit: 'req/s', factor: 1 });
    expect(unit.format(12_345.6)).toBe('12,346 req/s');
  });

  it('falls back to the input unit for no values', () => {
    expect(displayUnit('ns', []).unit).toBe('ns');
  });
});
