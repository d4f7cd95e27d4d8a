import { describe, expect, it } from 'vitest';
import { decideConfirmation, nextLookSize } from '../../../src/engine/stats/confirm.js';
import type { ConfirmDecision, ConfirmOptions } from '../../../src/engine/stats/confirm.js';
import { lognormalRuns, mulberry32, normals } from './seeded-random.js';

// The project's default threshold (BenchOptions.threshold) is 3%.
const timings: ConfirmOptions = { threshold: 0.03, direction: 'lower' };

/** Ten distinct values spread evenly ±0.45% around `centre`. */
function tight(centre: number): number[] {
  return Array.from({ length: 10 }, (_, i) => centre * (1 + (i - 4.5) * 0.001));
}

/** Runs the sequential procedure as the lab would: look, and run more only on 'continue'. */
function confirmSequentially(baseline: readonly number[], candidate: readonly number[], options: ConfirmOptions): ConfirmDecision {
  let decision: ConfirmDecision = { decision: 'continue' };
  for (let look = nextLookSize(0, options); look !== null && decision.decision === 'continue'; look = nextLookSize(look, options)) {
    decision = decideConfirmation(baseline.slice(0, look), candidate.slice(0, look), options);
  }
  return decision;
}

describe('decideConfirmation', () => {
  it('confirms a clear 20% slowdown at the first look', () => {
    const d = decideConfirmation(tight(100), tight(120), timings);
    expect(d).toMatchObject({ decision: 'regressed', runs: 10 });
    if (d.decision === 'continue') return;
    expect(d.ratio).toBeCloseTo(1.2, 12);
    // Complete separation: one split in C(20, 10) = 184 756 is this extreme.
    expect(d.pValue).toBeCloseTo(1 / 184_756, 15);
    expect(d.ciLow).toBeGreaterThan(1.1);
  });

  it('calls a clear speed-up of a timing an improvement', () => {
    expect(decideConfirmation(tight(100), tight(80), timings).decision).toBe('improved');
  });

  it('reverses worse and better for a higher-is-better metric', () => {
    const throughput: ConfirmOptions = { threshold: 0.03, direction: 'higher' };
    expect(decideConfirmation(tight(100), tight(80), throughput).decision).toBe('regressed');
    expect(decideConfirmation(tight(100), tight(120), throughput).decision).toBe('improved');
  });

  it('requires p below α / number of looks: p = 0.0045 is not enough at the first of three looks', () => {
    // U = 84 of 100, exact one-sided p = 0.004465: below α = 0.01 but above α/3 = 0.00333; ratio 1.057.
    const baseline = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
    const candidate = [102.5, 104.5, 106.5, 108.5, 110, 111, 112, 113, 114, 115];
    expect(decideConfirmation(baseline, candidate, timings).decision).toBe('continue');
    expect(decideConfirmation(baseline, candidate, { ...timings, looks: [10] })).toMatchObject({ decision: 'regressed' });
  });

  it('does not alert on a significant change smaller than the threshold, and calls it unchanged', () => {
    // +1%: every candidate run is slower (p = 5e-6), but 1% < 3%, and the CI sits inside ±3%.
    const d = decideConfirmation(tight(100), tight(101), timings);
    expect(d.decision).toBe('unchanged');
  });

  it('decides unchanged early when the whole interval lies within the threshold', () => {
    const d = decideConfirmation(tight(100), tight(100.2), timings);
    expect(d).toMatchObject({ decision: 'unchanged', runs: 10 });
  });

  it('keeps going when the first look cannot tell', () => {
    const normal = normals(mulberry32(5));
    const d = decideConfirmation(lognormalRuns(normal, 10, 100, 0.03), lognormalRuns(normal, 10, 100, 0.03), timings);
    expect(d.decision).toBe('continue');
  });

  it('waits for the first look', () => {
    expect(decideConfirmation(tight(100).slice(0, 9), tight(120).slice(0, 9), timings).decision).toBe('continue');
  });

  it('gives up as unstable at the last look when run-to-run noise exceeds maxCv', () => {
    const normal = normals(mulberry32(9));
    const d = decideConfirmation(lognormalRuns(normal, 30, 100, 0.25), lognormalRuns(normal, 30, 100, 0.25), timings);
    expect(d.decision).toBe('unstable');
  });

  it('treats a length between looks as the look before it, so 29 runs is not yet final', () => {
    const normal = normals(mulberry32(5));
    // 6% noise: too wide to show equivalence within ±3%, not noisy enough (10%) to be unstable.
    const b = lognormalRuns(normal, 30, 100, 0.06);
    const c = lognormalRuns(normal, 30, 100, 0.06);
    const atLast = decideConfirmation(b, c, timings);
    expect(atLast).toMatchObject({ decision: 'unchanged', runs: 30 });
    if (atLast.decision !== 'continue') expect(atLast.reason).toContain('No change of 3.0% or more shown');
    expect(decideConfirmation(b.slice(0, 29), c.slice(0, 29), timings).decision).toBe('continue');
  });

  it('treats a length past the last look as the last look, which always decides', () => {
    const normal = normals(mulberry32(6));
    const d = decideConfirmation(lognormalRuns(normal, 35, 100, 0.04), lognormalRuns(normal, 35, 100, 0.04), timings);
    expect(d).toMatchObject({ decision: 'unchanged', runs: 35 });
  });

  it('explains a regression with the ratio, interval and p-value', () => {
    const d = decideConfirmation(tight(100), tight(120), timings);
    if (d.decision === 'continue') throw new Error('expected a decision');
    expect(d.reason).toContain('20.0% worse');
    expect(d.reason).toContain('ratio 1.200');
    expect(d.reason).toContain('p = 5.4e-6');
  });

  it('does not regress on identically distributed seeded samples at any look', () => {
    const normal = normals(mulberry32(2024));
    for (let trial = 0; trial < 20; trial++) {
      const b = lognormalRuns(normal, 30, 100, 0.02);
      const c = lognormalRuns(normal, 30, 100, 0.02);
      for (const look of [10, 20, 30]) {
        expect(decideConfirmation(b.slice(0, look), c.slice(0, look), timings).decision).not.toBe('regressed');
      }
    }
  });

  it('rejects looks that are not increasing integers', () => {
    expect(() => decideConfirmation([1], [1], { ...timings, looks: [20, 10] })).toThrow(RangeError);
    expect(() => decideConfirmation([1], [1], { ...timings, looks: [] })).toThrow(RangeError);
  });
});

describe('nextLookSize', () => {
  it('walks the default looks 10 → 20 → 30 and then stops', () => {
    expect(nextLookSize(0, timings)).toBe(10);
    expect(nextLookSize(10, timings)).toBe(20);
    expect(nextLookSize(15, timings)).toBe(20);
    expect(nextLookSize(20, timings)).toBe(30);
    expect(nextLookSize(30, timings)).toBeNull();
  });

  it('follows custom looks', () => {
    expect(nextLookSize(5, { ...timings, looks: [5, 8] })).toBe(8);
  });
});

describe('the confirmation procedure on simulated machines (2% lognormal run-to-run noise, seeded)', () => {
  const trials = 200;

  it('raises at most 2 false regressions in 200 A/A trials', () => {
    const normal = normals(mulberry32(1));
    let regressions = 0;
    for (let t = 0; t < trials; t++) {
      const d = confirmSequentially(lognormalRuns(normal, 30, 100, 0.02), lognormalRuns(normal, 30, 100, 0.02), timings);
      if (d.decision === 'regressed') regressions++;
    }
    expect(regressions).toBeLessThanOrEqual(2);
  });

  it('detects a 5% slowdown in at least 95% of 200 trials', () => {
    const normal = normals(mulberry32(2));
    let detected = 0;
    for (let t = 0; t < trials; t++) {
      const d = confirmSequentially(lognormalRuns(normal, 30, 100, 0.02), lognormalRuns(normal, 30, 105, 0.02), timings);
      if (d.decision === 'regressed') detected++;
    }
    expect(detected).toBeGreaterThanOrEqual(190);
  });

  it('never calls a 5% slowdown an improvement', () => {
    const normal = normals(mulberry32(3));
    for (let t = 0; t < trials; t++) {
      const d = confirmSequentially(lognormalRuns(normal, 30, 100, 0.02), lognormalRuns(normal, 30, 105, 0.02), timings);
      expect(d.decision).not.toBe('improved');
    }
  });
});
