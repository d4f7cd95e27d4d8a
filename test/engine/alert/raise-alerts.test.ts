// raiseAlerts on a real store on disk: what only the history shows (drift
// alerts, once) and regressions that close themselves when measured back.
import { beforeEach, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../../../src/engine/alert/raise-alerts.js';
import type { Run } from '../../../src/engine/model.js';
import type { Store } from '../../../src/engine/store/store.js';
import { seedBaselines, seedRuns } from '../../helpers/seed-runs.js';
import { useTempStore } from '../../helpers/temp-store.js';
import { mulberry32, normals } from '../stats/seeded-random.js';

const MACHINE = 'lab-1';
const CASE = 'json/parse';
const T0 = Date.parse('2026-11-01T00:00:00Z');
const hours = (n: number, from = 0) => Array.from({ length: n }, (_, i) => T0 + (from + i) * 3_600_000);
const flat = (n: number, level: number): number[] => Array.from({ length: n }, () => level);
/** 40 flat runs, five commits each 1% slower, 15 runs at the new level. */
const DRIFT = [...flat(40, 100_000), ...[1, 2, 3, 4, 5].map((k) => 100_000 * 1.01 ** k), ...flat(15, 100_000 * 1.01 ** 5)];

function noisy(levels: readonly number[], seed: number): number[] {
  const normal = normals(mulberry32(seed));
  return levels.map((v) => v * (1 + 0.01 * normal()));
}

const temp = useTempStore('perflab-raise-');
let store: Store;

beforeEach(() => {
  store = temp.store;
});

/** Runs with the case at `levels` (1% noise), the first one its baseline. */
async function seedHistory(levels: readonly number[], from = 0): Promise<Run[]> {
  const medians = noisy(levels, 7);
  const runs = await seedRuns(store, { machine: MACHINE, times: hours(levels.length, from), cases: { [CASE]: (i) => medians[i] as number } });
  if (from === 0) await seedBaselines(store, runs[0] as Run, [CASE]);
  return runs;
}

const unchanged = { comparisons: [{ caseId: CASE, verdict: 'unchanged' as const }] };

describe('raiseAlerts: drift', () => {
  it('raises a drift alert for a 1%-per-commit drift no run was flagged for, with its range, size, means and p', async () => {
    const runs = await seedHistory(DRIFT);
    const last = runs.at(-1) as Run;

    const alerts = await raiseAlerts(store, last, unchanged);

    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    if (alert?.kind !== 'drift') throw new Error(`expected a drift alert, got ${alert?.kind}`);
    expect(alert).toMatchObject({ runId: last.id, caseIds: [CASE], state: 'open', commit: alert.drift.to.commit });
    expect(alert.drift.ratio).toBeGreaterThan(1.04);
    expect(alert.drift.meanAfter / alert.drift.meanBefore).toBeCloseTo(alert.drift.ratio, 12);
    expect(alert.drift.pValue).toBeLessThanOrEqual(0.001);
    expect(alert.drift.summary).toMatch(new RegExp(`^\\+\\d\\.\\d% between ${alert.drift.from.commit?.slice(0, 7)} and ${alert.drift.to.commit?.slice(0, 7)}, `));
    // The range lies around commits 40–44 of the seeded history.
    const index = (runId: string) => runs.findIndex((r) => r.id === runId);
    expect(index(alert.drift.from.runId)).toBeGreaterThanOrEqual(37);
    expect(index(alert.drift.to.runId)).toBeLessThanOrEqual(46);
    expect((await store.getAlert(alert.id))?.kind).toBe('drift');
  });

  it('does not alert the same drift again on the next run, nor after the store is reopened', async () => {
    await seedHistory(DRIFT);
    const first = await raiseAlerts(store, (await store.listRuns({ limit: 1 }))[0] as Run, unchanged);
    expect(first.map((a) => a.kind)).toEqual(['drift']);
    await store.transitionAlert(first[0]!.id, ['open'], 'dismissed', 'slack:U1');

    const [next] = await seedHistory(flat(1, 100_000 * 1.01 ** 5), DRIFT.length);
    expect(await raiseAlerts(store, next as Run, unchanged)).toEqual([]);

    store = await temp.reopen();
    const [after] = await seedHistory(flat(1, 100_000 * 1.01 ** 5), DRIFT.length + 1);
    expect(await raiseAlerts(store, after as Run, unchanged)).toEqual([]);
    expect((await store.listAlerts()).filter((a) => a.kind === 'drift')).toHaveLength(1);
  });

  it('does not alert a drift when a run in its range raised a regression for the case', async () => {
    const runs = await seedHistory(DRIFT);
    // Stored as run 43's raiseAlerts stored it then (called now, it would also see the whole seeded history).
    const flagged = runs[43] as Run;
    await store.addAlert({ id: `${flagged.id}-regression`, runId: flagged.id, commit: flagged.commit, kind: 'regression', caseIds: [CASE], state: 'open', createdAt: flagged.startedAt });

    const alerts = await raiseAlerts(store, runs.at(-1) as Run, unchanged);

    expect(alerts.filter((a) => a.kind === 'drift')).toEqual([]);
  });

  it('raises no drift alert on a flat history, nor on a suspect machine', async () => {
    const runs = await seedHistory(flat(60, 100_000));
    expect(await raiseAlerts(store, runs.at(-1) as Run, unchanged)).toEqual([]);

    store = await temp.reopen({ empty: true });
    const drifted = await seedHistory(DRIFT);
    const suspect = { ...(drifted.at(-1) as Run), environment: 'suspect' as const };
    expect((await raiseAlerts(store, suspect, unchanged)).filter((a) => a.kind === 'drift')).toEqual([]);
  });
});

describe('raiseAlerts: regressions that close themselves', () => {
  /** Five runs at one level, the first the baseline; a regression alert raised on run 3. */
  async function regressed(caseIds = [CASE]) {
    const runs = await seedRuns(store, { machine: MACHINE, times: hours(5), cases: Object.fromEntries(caseIds.map((id) => [id, () => 100_000])) });
    await seedBaselines(store, runs[0] as Run, caseIds);
    const [alert] = await raiseAlerts(store, runs[3] as Run, { comparisons: caseIds.map((caseId) => ({ caseId, verdict: 'regressed' as const })) });
    return { runs, alert: alert! };
  }

  it('closes an open regression as fixed at the run that measured its case unchanged against the same baseline', async () => {
    const { runs, alert } = await regressed();
    const back = runs[4] as Run;

    const alerts = await raiseAlerts(store, back, unchanged);

    expect(alerts).toEqual([expect.objectContaining({ id: alert.id, state: 'fixed', stateBy: 'perflab', fixedIn: { runId: back.id, commit: back.commit } })]);
    expect((await store.getAlert(alert.id))?.state).toBe('fixed');
  });

  it('closes one under investigation too, and closes nothing twice', async () => {
    const { runs, alert } = await regressed();
    await store.transitionAlert(alert.id, ['open'], 'investigating', 'slack:U1', { investigation: { note: 'looking' } });

    expect((await raiseAlerts(store, runs[4] as Run, unchanged)).map((a) => a.state)).toEqual(['fixed']);
    expect(await raiseAlerts(store, runs[4] as Run, { comparisons: [{ caseId: 'other/case', verdict: 'unchanged' }] })).toEqual([]);
    const [later] = await seedRuns(store, { machine: MACHINE, times: hours(1, 10), cases: { [CASE]: () => 100_000 } });
    expect(await raiseAlerts(store, later as Run, unchanged)).toEqual([]);
  });

  it('keeps it open while the case is still slower, and when the verdict is against a base commit (perflab ci)', async () => {
    const { runs, alert } = await regressed();

    await raiseAlerts(store, runs[4] as Run, { comparisons: [{ caseId: CASE, verdict: 'unstable' }] });
    await raiseAlerts(store, runs[4] as Run, { ...unchanged, against: 'base-commit' });
    await raiseAlerts(store, { ...(runs[4] as Run), environment: 'suspect' }, unchanged);

    expect((await store.getAlert(alert.id))?.state).toBe('open');
  });

  it('keeps it open when a new baseline was accepted since: unchanged then means at the new level', async () => {
    const { runs, alert } = await regressed();
    await store.acceptBaseline({ ...(await store.getBaseline(CASE, MACHINE))!, runId: (runs[3] as Run).id, acceptedBy: 'cli:alice', acceptedAt: new Date(Date.now() + 1000).toISOString() });

    await raiseAlerts(store, runs[4] as Run, unchanged);

    expect((await store.getAlert(alert.id))?.state).toBe('open');
  });

  it('closes an alert of several cases only when every one of them is back', async () => {
    const { runs, alert } = await regressed([CASE, 'json/stringify']);

    await raiseAlerts(store, runs[4] as Run, unchanged);
    expect((await store.getAlert(alert.id))?.state).toBe('open');

    await raiseAlerts(store, runs[4] as Run, { comparisons: [{ caseId: CASE, verdict: 'unchanged' }, { caseId: 'json/stringify', verdict: 'unchanged' }] });
    expect((await store.getAlert(alert.id))?.state).toBe('fixed');
  });
});
