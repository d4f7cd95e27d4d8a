import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../../../src/engine/chart/chart-data.js';
import { DEFAULT_MAX_POINTS, downsample, keepOf } from '../../../src/engine/chart/downsample.js';
import { atOf, yearOfHistory } from './year-of-history.js';

/** `count` runs an hour apart, all with median 100 unless `medians` says otherwise. */
function flat(count: number, medians: Record<number, number> = {}): ChartPoint[] {
  return Array.from({ length: count }, (_, i) => ({ runId: `r${i}`, commit: null, at: new Date(Date.UTC(2024, 0, 1, i)).toISOString(), median: medians[i] ?? 100 }));
}

const ids = (points: readonly ChartPoint[]) => points.map((p) => p.runId);

describe('downsample', () => {
  it('returns every point, in time order, when there are no more than maxPoints', () => {
    const points = flat(10);
    const shuffled = [points[3]!, points[0]!, ...points.slice(4), points[2]!, points[1]!];
    expect(ids(downsample(shuffled, 10))).toEqual(ids(points));
  });

  it('returns at most maxPoints of a year of history, by default 1500', () => {
    const { points } = yearOfHistory();
    expect(points).toHaveLength(18_000);
    expect(downsample(points).length).toBeLessThanOrEqual(DEFAULT_MAX_POINTS);
    expect(downsample(points).length).toBeGreaterThan(DEFAULT_MAX_POINTS - 10); // the budget is used, not wasted
    expect(downsample(points, 200).length).toBeLessThanOrEqual(200);
  });

  it('keeps its points in time order', () => {
    const shown = downsample(yearOfHistory().points, 300);
    const times = shown.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps a single spike among flat runs', () => {
    const shown = downsample(flat(10_000, { 4321: 250, 7777: 10 }), 100);
    expect(ids(shown)).toContain('r4321');
    expect(ids(shown)).toContain('r7777');
  });

  it('keeps the first and the last run', () => {
    const shown = downsample(flat(5000), 50);
    expect(shown[0]?.runId).toBe('r0');
    expect(shown.at(-1)?.runId).toBe('r4999');
  });

  it('keeps every run that raised an alert, however ordinary its median', () => {
    const data = yearOfHistory();
    const alerted = data.alerts.map((a) => a.runId);
    expect(ids(downsample(data.points, 100, keepOf(data)))).toEqual(expect.arrayContaining(alerted));
  });

  it('keeps the run at each change point and the latest run at or before each baseline', () => {
    const points = flat(10_000);
    const changeAt = points[6000]!.at;
    const acceptedAt = new Date(Date.parse(points[3000]!.at) + 30 * 60_000).toISOString(); // half an hour after run 3000
    const keep = keepOf({ alerts: [], baselines: [{ at: acceptedAt, median: 100, acceptedBy: 'ann', commit: null }], changePoints: [{ at: changeAt, commit: null, ratio: 1.1 }] });
    expect(ids(downsample(points, 60, keep))).toEqual(expect.arrayContaining(['r6000', 'r3000']));
  });

  it('matches kept times by instant, not by spelling', () => {
    const points = flat(5000);
    const sameInstant = points[1234]!.at.replace('.000Z', 'Z');
    expect(ids(downsample(points, 20, { times: [sameInstant] }))).toContain('r1234');
  });

  it('never drops a kept run, even when the kept runs alone exceed maxPoints', () => {
    const points = flat(1000);
    const runIds = points.filter((_, i) => i % 10 === 0).map((p) => p.runId); // 100 runs
    const shown = downsample(points, 50, { runIds });
    expect(ids(shown)).toEqual(expect.arrayContaining(runIds));
    expect(shown.length).toBe(101); // the kept runs and the last run; no bucket has room
  });

  it('skips NaN medians when choosing a bucket extreme', () => {
    const points = flat(1000).map((p, i) => (i > 0 && i < 999 && i % 2 === 0 ? { ...p, median: Number.NaN } : p));
    expect(downsample(points, 40).every((p, i, all) => !Number.isNaN(p.median) || i === 0 || i === all.length - 1)).toBe(true);
  });

  it('spreads its buckets over the whole history', () => {
    const count = 18_000;
    const shown = downsample(yearOfHistory(count).points, 100);
    const months = new Set(shown.map((p) => p.at.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(shown[0]?.at).toBe(atOf(0, count));
  });
});
