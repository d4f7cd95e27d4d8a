// Two perflab processes on one database (two pools, as two machines would
// have): the database keeps their writes from interleaving.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/engine/store/store.js';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import { makeAlert, makeBaseline, tempDir } from '../helpers/store-fixtures.js';
import { freshSchemaUrl } from '../helpers/pg-database.js';

async function twoStores(): Promise<[Store, Store]> {
  const url = await freshSchemaUrl();
  const a = await openPgStore(url, { dir: await tempDir() });
  const b = await openPgStore(url, { dir: await tempDir() });
  return [a, b];
}

describe('two processes on one database', () => {
  it('of two transitions from open, one per process, exactly one wins and the other sees it', async () => {
    const [a, b] = await twoStores();
    await a.addAlert(makeAlert());

    const [fromA, fromB] = await Promise.all([a.transitionAlert('alert-1', ['open'], 'accepted', 'slack:U1'), b.transitionAlert('alert-1', ['open'], 'dismissed', 'slack:U2')]);

    expect([fromA.ok, fromB.ok].filter(Boolean)).toHaveLength(1);
    const winner = fromA.ok ? fromA.alert : fromB.ok ? fromB.alert : undefined;
    expect(fromA.ok ? fromB : fromA).toEqual({ ok: false, reason: 'wrong-state', alert: winner });
    await Promise.all([a.close(), b.close()]);
  });

  it('the same finding reported by both at once is one finding seen twice', async () => {
    const [a, b] = await twoStores();
    const report = { mode: 'fuzz' as const, caseId: 'url/parse', signature: 'TypeError@parse', kind: 'property-failed', title: 'TypeError', evidence: '…', detail: {} };

    const outcomes = await Promise.all([
      a.recordFinding(report, { runId: 'ra', commit: 'c1', at: '2024-03-07T10:00:00.000Z' }),
      b.recordFinding(report, { runId: 'rb', commit: 'c1', at: '2024-03-07T10:00:01.000Z' }),
    ]);

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['new', 'seen']);
    expect(await a.listFindings()).toMatchObject([{ signature: 'TypeError@parse', count: 2 }]);
    await Promise.all([a.close(), b.close()]);
  });

  it('baselines accepted by both at once: both are in the history, the later one is current', async () => {
    const [a, b] = await twoStores();

    await Promise.all([a.acceptBaseline(makeBaseline({ runId: 'ra', acceptedBy: 'slack:U1' })), b.acceptBaseline(makeBaseline({ runId: 'rb', acceptedBy: 'slack:U2' }))]);

    const history = await a.baselineHistory('parse/json', 'ci-1');
    expect(history.map((baseline) => baseline.runId).sort()).toEqual(['ra', 'rb']);
    expect(await b.getBaseline('parse/json', 'ci-1')).toEqual(history.at(-1));
    expect(await a.listAudit()).toHaveLength(2);
    await Promise.all([a.close(), b.close()]);
  });

  it('a closed store refuses calls; closing again is harmless', async () => {
    const [a, b] = await twoStores();
    await a.close();

    await expect(a.listRuns()).rejects.toThrow(/is closed/);
    await expect(a.close()).resolves.toBeUndefined();
    await b.close();
  });
});
