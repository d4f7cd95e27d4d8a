import { describe, expect, it } from 'vitest';
import { alertedSpans, findDrift, machineMoves } from '../../../src/engine/alert/find-drift.js';
import type { Alert } from '../../../src/engine/model.js';
import type { HistoryEntry } from '../../../src/engine/store/store.js';
import { mulberry32, normals } from '../stats/seeded-random.js';

const flat = (n: number, level: number): number[] => Array.from({ length: n }, () => level);
/** 40 flat runs, five commits each 1% slower, 20 runs at the new level (5.1% slower). */
const driftLevels = [...flat(40, 100), ...[1, 2, 3, 4, 5].map((k) => 100 * 1.01 ** k), ...flat(20, 100 * 1.01 ** 5)];

const T0 = Date.parse('2026-11-01T00:00:00Z');
const atOf = (i: number) => new Date(T0 + i * 3_600_000).toISOString();
const commitOf = (i: number) => `c${String(i).padStart(2, '0')}${'0'.repeat(37)}`;

/** One history entry per level, with 1% multiplicative noise from the seed, an hour apart. */
function history(levels: readonly number[], seed: number): HistoryEntry[] {
  const normal = normals(mulberry32(seed));
  return levels.map((level, i) => ({
    runId: `run-${i}`,
    commit: commitOf(i),
    machine: 'm',
    at: atOf(i),
    state: 'ok',
    median: level * (1 + 0.01 * normal()),
    unit: 'ns',
    verdict: 'unchanged',
    inWindow: true,
  }));
}

const regressionAlert = (runId: string, caseId = 'json/parse', fixedIn?: string): Alert => ({
  id: `${runId}-regression`,
  runId,
  commit: null,
  kind: 'regression',
  caseIds: [caseId],
  state: 'open',
  createdAt: '2026-11-01T00:00:00Z',
  ...(fixedIn ? { fixedIn: { runId: fixedIn, commit: null } } : {}),
});

describe('findDrift', () => {
  it('finds a 1%-per-commit drift over 5 commits in 1% noise, with its range, size, segment means and p', () => {
    const drift = findDrift('json/parse', history(driftLevels, 7), []);

    expect(drift).toBeDefined();
    expect(drift?.caseId).toBe('json/parse');
    expect(drift?.ratio).toBeGreaterThan(1.04);
    expect(drift?.ratio).toBeLessThan(1.06);
    // The drift is runs 40–44: the range starts before it and ends at or after its first step.
    expect(Number(drift?.from.runId.slice(4))).toBeGreaterThanOrEqual(37);
    expect(Number(drift?.to.runId.slice(4))).toBeLessThanOrEqual(46);
    expect(drift?.from.commit).toBe(commitOf(Number(drift?.from.runId.slice(4))));
    expect(drift?.meanAfter ?? 0).toBeGreaterThan(drift?.meanBefore ?? Infinity);
    expect(drift?.pValue).toBeLessThanOrEqual(0.001);
    expect(drift?.summary).toMatch(/^\+\d\.\d% between c\d\d0{4} and c\d\d0{4}, (over \d+ commits|in one commit)$/);
  });

  it('finds it across seeds, sized at about 5.1% and spread over about five commits', () => {
    const commits: number[] = [];
    for (let seed = 200; seed < 215; seed++) {
      const drift = findDrift('x', history(driftLevels, seed), []);
      expect(drift, `seed ${seed}`).toBeDefined();
      expect(drift?.ratio, `seed ${seed}`).toBeCloseTo(1.051, 1);
      commits.push(drift?.commits ?? 0);
    }
    commits.sort((a, b) => a - b);
    expect(commits[7]).toBeGreaterThanOrEqual(4);
    expect(commits[7]).toBeLessThanOrEqual(6);
  });

  it('finds nothing in 200 runs of A/A noise', () => {
    for (let seed = 300; seed < 320; seed++) expect(findDrift('x', history(flat(200, 100), seed), []), `seed ${seed}`).toBeUndefined();
  });

  it('leaves a change smaller than the threshold alone, however sure', () => {
    const small = [...flat(40, 100), ...flat(40, 101.5)];
    expect(findDrift('x', history(small, 7), [], { minChange: 0.01 })).toBeDefined();
    expect(findDrift('x', history(small, 7), [])).toBeUndefined();
  });

  it('only looks at the latest change: a regression that was reverted is no news', () => {
    const reverted = [...flat(40, 100), ...flat(15, 106), ...flat(40, 100)];
    const drift = findDrift('x', history(reverted, 8), []);
    // The latest change is the revert (faster), so that is what is found.
    expect(drift?.ratio).toBeLessThan(1);
  });

  it('does not alert a change a regression alert in its range already told', () => {
    const entries = history(driftLevels, 7);
    const drift = findDrift('json/parse', entries, []);
    const runAt = new Map(entries.map((e) => [e.runId, e.at]));

    const flagged = alertedSpans('json/parse', [regressionAlert(drift?.to.runId ?? '')], runAt);
    expect(findDrift('json/parse', entries, flagged)).toBeUndefined();
    // …an alert about another case does not count, nor one long before.
    expect(findDrift('json/parse', entries, alertedSpans('json/parse', [regressionAlert(drift?.to.runId ?? '', 'other/case')], runAt))).toBeDefined();
    expect(findDrift('json/parse', entries, alertedSpans('json/parse', [regressionAlert('run-5')], runAt))).toBeDefined();
  });

  it('does not alert the same change twice, though its change point moves a run or two as runs arrive', () => {
    const entries = history(driftLevels, 7);
    const first = findDrift('json/parse', entries.slice(0, 52), []);
    expect(first).toBeDefined();
    const earlier: Alert = { id: 'r-drift-1', runId: 'r', commit: null, kind: 'drift', caseIds: ['json/parse'], drift: first!, state: 'dismissed', createdAt: atOf(52) };

    const runAt = new Map(entries.map((e) => [e.runId, e.at]));
    expect(findDrift('json/parse', entries, alertedSpans('json/parse', [earlier], runAt))).toBeUndefined();
    // The same drift seen on another machine (runs not in this history) is that machine's.
    const elsewhere: Alert = { ...earlier, drift: { ...first!, from: { ...first!.from, runId: 'other-1' }, to: { ...first!.to, runId: 'other-2' } } };
    expect(findDrift('json/parse', entries, alertedSpans('json/parse', [elsewhere], runAt))).toBeDefined();
  });

  it('does not alert a revert where a regression alert closed as fixed', () => {
    const reverted = history([...flat(40, 100), ...flat(15, 106), ...flat(40, 100)], 8);
    const runAt = new Map(reverted.map((e) => [e.runId, e.at]));
    const fixed = alertedSpans('x', [regressionAlert('run-40', 'x', 'run-55')], runAt);
    expect(findDrift('x', reverted, fixed)).toBeUndefined();
  });

  it("does not alert a move of the machine: a change at the same time as one of the canary's", () => {
    const entries = history(driftLevels, 7);
    const canary = history([...flat(42, 50), ...flat(20, 55)], 9);
    const moves = machineMoves(canary);
    expect(moves).toHaveLength(1);
    expect(findDrift('json/parse', entries, moves)).toBeUndefined();
    // A canary move far from the drift does not hide it.
    expect(findDrift('json/parse', entries, machineMoves(history([...flat(10, 50), ...flat(52, 55)], 9)))).toBeDefined();
  });
});
