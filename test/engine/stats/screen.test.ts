import { describe, expect, it } from 'vitest';
import { screen } from '../../../src/engine/stats/screen.js';
import type { ScreenOptions } from '../../../src/engine/stats/screen.js';

// Window median 100, MAD 1 (|x − 100| = 2,1,0,1,2), so 1.4826·MAD = 1.4826 and robust cv 1.4826%.
const quiet = [98, 99, 100, 101, 102];
const lower: ScreenOptions = { threshold: 0.05, fallbackCv: 0, direction: 'lower' };

describe('screen', () => {
  it('flags a 10% slowdown against a quiet window as a worse suspect', () => {
    const outcome = screen(110, quiet, lower);
    expect(outcome).toMatchObject({ suspect: true, direction: 'worse', gate: 0.05 });
    expect(outcome.delta).toBeCloseTo(0.1, 12);
    expect(outcome.z).toBeCloseTo(10 / 1.4826, 12); // 6.745
  });

  it('calls a faster run better for a lower-is-better metric', () => {
    expect(screen(90, quiet, lower)).toMatchObject({ suspect: true, direction: 'better' });
  });

  it('calls a smaller value worse for a higher-is-better metric', () => {
    expect(screen(90, quiet, { ...lower, direction: 'higher' })).toMatchObject({ suspect: true, direction: 'worse' });
    expect(screen(110, quiet, { ...lower, direction: 'higher' })).toMatchObject({ suspect: true, direction: 'better' });
  });

  it('passes a change below the threshold even when its z is large', () => {
    // delta 6% < 10%; z = 6 / 1.4826 = 4.05 ≥ 3.5
    const outcome = screen(106, quiet, { ...lower, threshold: 0.1 });
    expect(outcome.suspect).toBe(false);
    expect(outcome.z).toBeCloseTo(4.047, 3);
  });

  it('passes a large change whose z is small because the window is noisy', () => {
    // window 80…120: median 100, MAD 10 → robust cv 14.826%, gate = 2 × 14.826% = 29.652%
    // 130: delta 30% ≥ gate, but z = 30 / 14.826 = 2.02 < 3.5
    const outcome = screen(130, [80, 90, 100, 110, 120], lower);
    expect(outcome.suspect).toBe(false);
    expect(outcome.gate).toBeCloseTo(0.29652, 12);
    expect(outcome.z).toBeCloseTo(2.0235, 4);
  });

  it('never asks more than capLimit: a noisy window excuses no change beyond it', () => {
    const noisy = [80, 90, 100, 110, 120]; // robust cv ≈ 14.8%: the gate would be ≈ 30%
    expect(screen(106, noisy, lower)).toMatchObject({ suspect: false });
    const capped = screen(106, noisy, { ...lower, capLimit: 0.05 });
    expect(capped).toMatchObject({ suspect: true, direction: 'worse', limit: 0.05 });
    expect(capped.reason).toContain('the limit is 5.0%, a cap: the largest of 5.0%, twice and 3.5 × the noise of 14.8% (the window\'s spread) would be 51.9%');
    expect(screen(104, noisy, { ...lower, capLimit: 0.05 })).toMatchObject({ suspect: false, limit: 0.05 });
    expect(() => screen(100, noisy, { ...lower, capLimit: 0 })).toThrow(RangeError);
  });

  it('raises the gate to twice the window’s robust cv when that exceeds the threshold', () => {
    // window 95…105 step 2.5: MAD 2.5 → robust cv 3.7065%, gate 7.413%
    const outcome = screen(107, [95, 97.5, 100, 102.5, 105], { ...lower, threshold: 0.03 });
    expect(outcome.gate).toBeCloseTo(0.07413, 12);
    expect(outcome.suspect).toBe(false);
  });

  it('honours a custom z limit', () => {
    // 106: delta 6% ≥ 5%, z 4.05: suspect at the default 3.5, not at 5
    expect(screen(106, quiet, lower).suspect).toBe(true);
    expect(screen(106, quiet, { ...lower, zLimit: 5 }).suspect).toBe(false);
  });

  it('skips z and uses the fallback cv when the window is shorter than minWindow', () => {
    // window 100, 102: median 101; gate = max(3%, 2 × 2%) = 4%
    const options: ScreenOptions = { threshold: 0.03, fallbackCv: 0.02, direction: 'lower' };
    const small = screen(105, [100, 102], options); // delta 3.96%
    expect(small).toMatchObject({ suspect: false, z: null, gate: 0.04 });
    expect(screen(106, [100, 102], options)).toMatchObject({ suspect: true, z: null }); // delta 4.95%
  });

  it('lets the magnitude gate alone decide when the window has no spread (MAD 0)', () => {
    const flat = [100, 100, 100, 100, 101];
    expect(screen(104, flat, { ...lower, threshold: 0.03 })).toMatchObject({ suspect: true, z: null });
    expect(screen(102, flat, { ...lower, threshold: 0.03 })).toMatchObject({ suspect: false, z: null });
  });

  it('explains itself with the numbers', () => {
    const { reason } = screen(110, quiet, lower);
    expect(reason).toBe(
      "Run median 110.0 ns is 10.0% above the median 100.0 ns of 5 earlier runs, worse beyond the limit (the limit is 5.2%, the largest of 5.0%, twice and 3.5 × the noise of 1.5% (the window's spread); robust z 6.7, needs 3.5): suspect, to be confirmed.",
    );
  });

  it('prints values in the unit the result table uses, not raw nanoseconds', () => {
    // The idle json/stringify 1MB case: a 3-run window around 3.30 ms, screened on a median of 3.46 ms.
    const { reason } = screen(3_461_000, [3_302_795, 3_290_000, 3_340_000], { threshold: 0.015, zLimit: 2, fallbackCv: 0, direction: 'lower', capLimit: 0.03 });
    expect(reason).toMatch(/^Run median 3\.46 ms is 4\.8% above the median 3\.30 ms of 3 earlier runs/);
    expect(reason).not.toMatch(/\d{5}/);
    expect(screen(2_500, [2_000, 2_010, 2_020], { ...lower, unit: 'req/s', direction: 'higher' }).reason).toContain('2500 req/s is 24.4% above the median 2010 req/s');
  });

  it('rejects an empty window', () => {
    expect(() => screen(100, [], lower)).toThrow(RangeError);
  });

  it('rejects a threshold that is not positive', () => {
    expect(() => screen(100, quiet, { ...lower, threshold: 0 })).toThrow(RangeError);
  });
});
