import { describe, expect, it } from 'vitest';
import type { DiffCell } from '../../../src/engine/report/diff-cell.js';
import { diffWindows } from '../../../src/engine/report/diff-cell.js';
import { type DiffCaseInput, diffReport } from '../../../src/engine/report/diff-report.js';
import { mannWhitneyU } from '../../../src/engine/stats/mann-whitney.js';
import { ratioCi } from '../../../src/engine/stats/ratio-ci.js';
import type { HistoryEntry } from '../../../src/engine/store/store.js';
import { commitOf, DAY, HOUR, syntheticHistory } from './synthetic-history.js';

const NOW = Date.UTC(2025, 5, 1); // 2025-06-01T00:00Z
const TWO_MONTHS = 60;

function timing(caseId: string, history: readonly HistoryEntry[]): DiffCaseInput {
  return { caseId, threshold: 0.03, direction: 'lower', history };
}

function marks(cells: readonly DiffCell[]): Record<string, DiffCell['mark']> {
  return Object.fromEntries(cells.map((cell) => [cell.point, cell.mark]));
}

describe('diffReport', () => {
  it('marks a +10% step planted 3 days ago against a week and a month ago, not against the previous run or a day ago', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS, seed: 7, steps: [{ ago: 3 * DAY, factor: 1.1 }] });

    const report = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] });

    expect(marks(report.cases[0]!.cells)).toEqual({ previous: 'insufficient', day: 'unchanged', week: 'regressed', month: 'regressed', year: 'no-data' });
  });

  it('marks nothing in A/A histories with 2% run-to-run noise', () => {
    const cases = Array.from({ length: 20 }, (_, i) => timing(`aa/case-${i}`, syntheticHistory({ now: NOW, days: TWO_MONTHS, seed: 100 + i, noise: 0.02 })));

    const report = diffReport({ now: new Date(NOW), cases });

    const marked = report.cases.flatMap((c) => c.cells).filter((cell) => cell.mark === 'regressed' || cell.mark === 'improved');
    expect(marked).toEqual([]);
  });

  it('says there is no data a year back when the history covers two months', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS });

    const year = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!.cells[4]!;

    expect(year).toMatchObject({ point: 'year', mark: 'no-data', reason: 'too-far-back', run: null, ratio: null });
  });

  it('gives numbers anyone can recompute from `perflab history --json` with ratioCi and the Mann–Whitney test', () => {
    // Arrange: what `perflab history --json` prints, read back.
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS, seed: 11, steps: [{ ago: 3 * DAY, factor: 1.06 }] });
    const listed = JSON.parse(JSON.stringify({ caseId: 'json/parse', entries: history })) as { entries: { runId: string; commit: string; at: string; median: number }[] };

    // Act
    const week = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!.cells[2]!;

    // Assert: the documented rule, by hand. The matched run is the last at or
    // before a week ago; the latest side the last 5 runs, the point side the
    // matched run and 2 on each side of it; CI at 1 − α = 99%.
    const runs = listed.entries;
    const weekAgo = NOW - 7 * DAY;
    let j = runs.length - 1;
    while (Date.parse(runs[j]!.at) > weekAgo) j--;
    const latestSide = runs.slice(-5).map((r) => r.median);
    const pointSide = runs.slice(j - 2, j + 3).map((r) => r.median);
    const { ratio, ciLow, ciHigh } = ratioCi(pointSide, latestSide, 0.99);
    const { pValue } = mannWhitneyU(latestSide, pointSide, 'two-sided');
    expect(week).toEqual({
      point: 'week',
      mark: 'regressed',
      run: { runId: runs[j]!.runId, commit: runs[j]!.commit, at: runs[j]!.at },
      ratio,
      ciLow,
      ciHigh,
      pValue,
      runs: { latest: 5, point: 5 },
    });
  });

  it('sorts cases with a marked cell first, the largest |log ratio| first, then the rest by case id', () => {
    const quiet = { now: NOW, days: TWO_MONTHS, noise: 0.005 };
    const cases = [
      timing('d/flat', syntheticHistory({ ...quiet, seed: 1 })),
      timing('b/up-20', syntheticHistory({ ...quiet, seed: 2, steps: [{ ago: 3 * DAY, factor: 1.2 }] })),
      timing('e/never-ran', []),
      // |log 0.7| = 0.36 beats log 1.2 = 0.18, though it is an improvement.
      timing('c/down-30', syntheticHistory({ ...quiet, seed: 3, steps: [{ ago: 3 * DAY, factor: 0.7 }] })),
      timing('a/flat', syntheticHistory({ ...quiet, seed: 4 })),
    ];

    const report = diffReport({ now: new Date(NOW), cases });

    expect(report.cases.map((c) => c.caseId)).toEqual(['c/down-30', 'b/up-20', 'a/flat', 'd/flat', 'e/never-ran']);
  });

  it('compares the previous run alone against the five before it, which can never be significant', () => {
    const history = syntheticHistory({ now: NOW, days: 2, steps: [{ ago: 1.5 * HOUR, factor: 1.5 }] });

    const previous = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!.cells[0]!;

    expect(previous).toMatchObject({ mark: 'insufficient', runs: { latest: 1, point: 5 }, run: { runId: history.at(-2)!.runId } });
    expect(previous.ratio).toBeCloseTo(1.5, 1);
  });

  it('says nothing ran since a point that is later than the latest run', () => {
    const history = syntheticHistory({ now: NOW - 3 * DAY, days: TWO_MONTHS });

    const day = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!.cells[1]!;

    expect(day).toMatchObject({ mark: 'insufficient', run: { runId: history.at(-1)!.runId }, runs: { latest: 0, point: 5 }, ratio: null, pValue: null });
  });

  it('skips errored runs and runs without a median, for the latest as for the points', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS });
    const lastOk = history.at(-3)!;
    history[history.length - 1] = { ...history.at(-1)!, state: 'errored', median: undefined };
    delete history[history.length - 2]!.median;

    const report = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] });

    expect(report.cases[0]!.latest).toEqual({ runId: lastOk.runId, commit: lastOk.commit, at: lastOk.at, median: lastOk.median });
    expect(report.cases[0]!.cells[0]!.run?.runId).toBe(history.at(-4)!.runId);
  });

  it('matches a commit point to the last run of that commit, and says so when the commit never ran', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS });
    const points = [
      { kind: 'commit', commit: commitOf(500), ref: 'v1.0.0' },
      { kind: 'commit', commit: 'f'.repeat(40), ref: 'unmeasured' },
    ] as const;

    const [v1, unmeasured] = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }, { points }).cases[0]!.cells;

    expect(v1).toMatchObject({ point: 'v1.0.0', mark: 'unchanged', run: { runId: history[500]!.runId, commit: commitOf(500) } });
    expect(unmeasured).toMatchObject({ point: 'unmeasured', mark: 'no-data', reason: 'commit-not-run' });
  });

  it('calls a drop of a higher-is-better metric a regression', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS, seed: 5, steps: [{ ago: 3 * DAY, factor: 0.9 }] });

    const report = diffReport({ now: new Date(NOW), cases: [{ caseId: 'http/throughput', threshold: 0.03, direction: 'higher', history }] });

    expect(report.cases[0]!.cells[2]!.mark).toBe('regressed');
  });

  it('leaves a significant change smaller than the threshold unmarked', () => {
    const history = syntheticHistory({ now: NOW, days: TWO_MONTHS, noise: 0.001, steps: [{ ago: 3 * DAY, factor: 1.02 }] });

    const week = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!.cells[2]!;

    expect(week.pValue).toBeLessThan(0.01);
    expect(week.mark).toBe('unchanged');
  });

  it('reports a case without any ok result with no latest and no data in every cell', () => {
    const history = syntheticHistory({ now: NOW, days: 1 }).map((e): HistoryEntry => ({ ...e, state: 'errored', median: undefined }));

    const c = diffReport({ now: new Date(NOW), cases: [timing('json/parse', history)] }).cases[0]!;

    expect(c.latest).toBeNull();
    expect(c.unit).toBeNull();
    expect(c.cells.map((cell) => cell.mark === 'no-data' && cell.reason)).toEqual(Array(5).fill('no-latest'));
  });

  it('states each point: its label, and the instant it stood for', () => {
    const report = diffReport({ now: '2025-06-01T00:00:00Z', cases: [] });

    expect(report.points[0]).toEqual({ label: 'previous', kind: 'previous', at: null, commit: null });
    expect(report.points[2]).toEqual({ label: 'week', kind: 'ago', at: '2025-05-25T00:00:00.000Z', commit: null });
    expect(report).toMatchObject({ now: '2025-06-01T00:00:00.000Z', alpha: 0.01, window: 5 });
  });

  it.each([
    [{ window: 1 }, /window/],
    [{ window: 31 }, /window/],
    [{ alpha: 0.5 }, /alpha/],
    [{ points: [] }, /at least one point/],
    [{ points: [{ kind: 'previous' }, { kind: 'previous' }] }, /"previous" is asked for twice/],
  ] as const)('refuses the options %j', (options, message) => {
    expect(() => diffReport({ now: new Date(NOW), cases: [] }, options)).toThrow(message);
  });

  it('computes 200 cases over a year of 50 runs a day within seconds', () => {
    // One year-long history (18 250 runs) shared by all cases: the work per
    // case is the same, and 200 copies would only fill memory. The goal
    // (well under a second) is for bench/report.bench.ts; this only catches
    // a quadratic slip.
    const history = syntheticHistory({ now: NOW, days: 365, spacing: DAY / 50 });
    const cases = Array.from({ length: 200 }, (_, i) => timing(`heavy/case-${i}`, history));

    const started = performance.now();
    const report = diffReport({ now: new Date(NOW), cases });
    const elapsed = performance.now() - started;

    expect(report.cases).toHaveLength(200);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('diffWindows', () => {
  it.each([
    ['a point far back: the last 5 runs against 5 centred on it', 100, 200, { latest: [196, 201], point: [98, 103] }],
    ['the previous run: the latest alone against the 5 up to it', 199, 200, { latest: [200, 201], point: [195, 200] }],
    ['a point among the last 5: the sides split right after it', 197, 200, { latest: [198, 201], point: [193, 198] }],
    ['the first run: its window reaches forward', 0, 200, { latest: [196, 201], point: [0, 5] }],
    ['a short history: whatever exists', 1, 3, { latest: [2, 4], point: [0, 2] }],
    ['the latest run itself: nothing on the latest side', 200, 200, { latest: [201, 201], point: [196, 201] }],
  ])('%s', (_, matched, latest, expected) => {
    expect(diffWindows(matched, latest, 5)).toEqual(expected);
  });
});
