import { describe, expect, it } from 'vitest';
import { diffReport } from '../../src/engine/report/diff-report.js';
import { DEFAULT_VS_POINTS, type ResolvedVsPoint } from '../../src/engine/report/vs-point.js';
import type { Store } from '../../src/engine/store/store.js';
import { reportHistory } from '../../src/lab/report-history.js';
import { mulberry32 } from '../engine/stats/seeded-random.js';
import { makeResult, makeRun } from '../engine/store/helpers/store-fixtures.js';
import { lowdbKind, openFresh } from '../engine/store/helpers/store-kinds.js';

const DAY = 86_400_000;
const now = Date.parse('2025-03-20T12:00:00.000Z');
const points: ResolvedVsPoint[] = [...DEFAULT_VS_POINTS, { kind: 'date', at: '2024-11-30T23:59:59.999Z', label: '2024-11-30' }];

/**
 * Fourteen months of one case on two machines: bursts of runs, quiet weeks,
 * and stretches where most runs errored (so a window must reach past them).
 */
async function recordIrregular(store: Store, seed: number): Promise<void> {
  const random = mulberry32(seed);
  let at = now - 430 * DAY;
  for (let i = 0; at < now; i++) {
    at += random() < 0.1 ? 9 * DAY * random() : DAY * random() * 0.4;
    const machine = random() < 0.2 ? 'arm-2' : 'ci-1';
    const run = makeRun({ id: `r${i}`, startedAt: new Date(Math.min(at, now - 120_000)).toISOString(), machine, commit: `c${i}` });
    await store.beginRun(run);
    const brokenWeek = Math.floor(at / (7 * DAY)) % 9 === 0;
    const errored = random() < (brokenWeek ? 0.9 : 0.05);
    await store.recordResults(run.id, [
      errored
        ? makeResult(run, 'parse/json', 0, { result: { caseId: 'parse/json', suite: 'parse', name: 'json', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' } }, comparison: undefined })
        : makeResult(run, 'parse/json', 100 * Math.exp(0.05 * (random() - 0.5)) * (at > now - 20 * DAY ? 1.1 : 1)),
    ]);
  }
}

describe('reportHistory', () => {
  it.each([1, 2, 3, 4, 5])('gives diffReport the same answers as the whole history (seed %i)', async (seed) => {
    const store = await openFresh(lowdbKind);
    await recordIrregular(store, seed);
    const whole = await store.history('parse/json', { machine: 'ci-1' });
    const read = (query: object) => store.history('parse/json', { ...query, machine: 'ci-1' });

    const bounded = await reportHistory(read, points, now, 5);

    const report = (history: typeof whole) => diffReport({ now: new Date(now), cases: [{ caseId: 'parse/json', threshold: 0.03, direction: 'lower', history }] }, { points });
    expect(report(bounded)).toEqual(report(whole));
    expect(report(whole).cases[0]?.cells.filter((cell) => cell.mark !== 'no-data').length).toBeGreaterThanOrEqual(5);
    expect(bounded.length).toBeLessThan(whole.length / 2);
    await store.close();
  });

  it('reads the whole history when a point is a commit', async () => {
    const store = await openFresh(lowdbKind);
    await recordIrregular(store, 4);
    const whole = await store.history('parse/json', { machine: 'ci-1' });

    const read = (query: object) => store.history('parse/json', { ...query, machine: 'ci-1' });
    expect(await reportHistory(read, [{ kind: 'commit', commit: 'c3' }], now, 5)).toEqual(whole);
    await store.close();
  });
});
