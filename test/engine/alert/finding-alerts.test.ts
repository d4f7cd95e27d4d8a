import { describe, expect, it } from 'vitest';
import { recordFindings } from '../../../src/engine/alert/finding-alerts.js';
import type { FindingReport } from '../../../src/engine/model.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { tempDir } from '../store/helpers/store-fixtures.js';

const report = (signature: string, caseId = 'parser/round trip'): FindingReport => ({
  mode: 'fuzz', caseId, signature, kind: 'property-failed', title: signature, evidence: 'counterexample', detail: {},
});

describe('recordFindings', () => {
  it('raises one alert for what is new in a run, and none when everything was seen before', async () => {
    const store = await openStore(await tempDir());
    const first = await recordFindings(store, { id: 'run-1', commit: 'c1' }, [report('a'), report('a'), report('b', 'other/case')]);
    expect(first.alert).toMatchObject({ id: 'run-1-finding', kind: 'finding', state: 'open', caseIds: ['parser/round trip', 'other/case'] });
    expect(first.alert?.findingIds).toHaveLength(2);
    expect((await store.listFindings()).map((f) => f.count)).toEqual([2, 1]);

    const second = await recordFindings(store, { id: 'run-2', commit: 'c2' }, [report('a'), report('b', 'other/case')]);
    expect(second.alert).toBeUndefined();
    expect(second.sightings.map((s) => s.outcome)).toEqual(['seen', 'seen']);
    expect((await store.listAlerts())).toHaveLength(1);
    await store.close();
  });

  it('alerts again when a fixed finding comes back', async () => {
    const store = await openStore(await tempDir());
    const { sightings } = await recordFindings(store, { id: 'run-1', commit: 'c1' }, [report('a')]);
    const id = sightings[0]?.finding.id ?? '';
    await store.transitionFinding(id, ['new'], 'fixed', 'perflab', { fixedIn: { runId: 'run-2', commit: 'c2', at: new Date().toISOString() } });
    const back = await recordFindings(store, { id: 'run-3', commit: 'c3' }, [report('a')]);
    expect(back.alert).toMatchObject({ findingIds: [id] });
    expect((await store.getFinding(id))?.state).toBe('regressed');
    await store.close();
  });
});
