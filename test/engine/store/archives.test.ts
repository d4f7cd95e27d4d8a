// Closed alerts and replaced baselines leave state.json for append-only
// archives, so state.json stays the size of what needs attention. What the
// store answers does not change (that is the contract suite's business);
// these tests are about where things are and what a kill leaves.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { makeAlert, makeBaseline, tempDir } from './helpers/store-fixtures.js';

async function stateFile(dir: string): Promise<{ alerts: { id: string }[]; baselines: { runId: string }[] }> {
  return JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { alerts: { id: string }[]; baselines: { runId: string }[] };
}

describe('the alert archive', () => {
  it('a closed alert leaves state.json and is still found, after reopening too', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.addAlert(makeAlert({ id: 'a1' }));
    await store.addAlert(makeAlert({ id: 'a2' }));
    await store.transitionAlert('a1', ['open'], 'dismissed', 'slack:U1');
    await store.close();

    expect((await stateFile(dir)).alerts.map((alert) => alert.id)).toEqual(['a2']);
    const reopened = await openStore(dir);
    expect(await reopened.getAlert('a1')).toMatchObject({ state: 'dismissed', stateBy: 'slack:U1' });
    await reopened.close();
  });

  it('a closed alert still takes a late delivery and culprit, and reads them back', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.addAlert(makeAlert({ id: 'a1' }));
    await store.transitionAlert('a1', ['open'], 'accepted', 'slack:U1');
    await store.setAlertDelivery('a1', { state: 'posted', attempts: 1, channel: 'C1', ts: '1.1' });
    await store.setAlertCulprit('a1', { commit: 'abc', author: 'dev', subject: 'slow', steps: 2, skipped: [] });
    await store.close();

    const reopened = await openStore(dir);
    expect(await reopened.getAlert('a1')).toMatchObject({ state: 'accepted', delivery: { state: 'posted' }, culprit: { commit: 'abc' } });
    expect((await reopened.listAlerts()).map((alert) => alert.id)).toEqual(['a1']);
    await reopened.close();
  });

  it('a closed alert moved back to open is live again', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.addAlert(makeAlert({ id: 'a1' }));
    await store.transitionAlert('a1', ['open'], 'dismissed', 'slack:U1');

    const back = await store.transitionAlert('a1', ['dismissed'], 'open', 'slack:U2');
    await store.close();

    expect(back.ok).toBe(true);
    expect((await stateFile(dir)).alerts.map((alert) => alert.id)).toEqual(['a1']);
    const reopened = await openStore(dir);
    expect((await reopened.listAlerts()).map((alert) => [alert.id, alert.state])).toEqual([['a1', 'open']]);
    await reopened.close();
  });

  it('a kill after archiving a closed alert but before state.json changed leaves it as it was', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.addAlert(makeAlert({ id: 'a1' }));
    await store.close();
    // What the archive holds once the closing step's first write is done.
    await mkdir(join(dir, 'alerts'), { recursive: true });
    await appendFile(join(dir, 'alerts', '2024-03.jsonl'), `${JSON.stringify({ ...makeAlert({ id: 'a1' }), state: 'accepted', stateBy: 'slack:U1' })}\n`);

    const reopened = await openStore(dir);
    expect(await reopened.getAlert('a1')).toMatchObject({ state: 'open' });
    expect((await reopened.listAlerts()).map((alert) => alert.state)).toEqual(['open']);
    expect(await reopened.transitionAlert('a1', ['open'], 'dismissed', 'slack:U2')).toMatchObject({ ok: true });
    expect(await reopened.getAlert('a1')).toMatchObject({ state: 'dismissed', stateBy: 'slack:U2' });
    await reopened.close();
  });
});

describe('the baseline archive', () => {
  it('a replaced baseline leaves state.json for its case file', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.acceptBaseline(makeBaseline({ runId: 'r1' }));
    await store.acceptBaseline(makeBaseline({ runId: 'r2' }));
    await store.close();

    expect((await stateFile(dir)).baselines.map((baseline) => baseline.runId)).toEqual(['r2']);
    const archived = (await readFile(join(dir, 'baselines', `${fileKey('parse/json')}.jsonl`), 'utf8')).trim().split('\n');
    expect(archived.map((line) => (JSON.parse(line) as { runId: string }).runId)).toEqual(['r1']);
  });

  it('a kill after archiving the replaced baseline but before state.json changed lists it once, and the next acceptance does not archive it twice', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.acceptBaseline(makeBaseline({ runId: 'r1' }));
    await store.close();
    // What the archive holds once the acceptance's first write is done.
    await mkdir(join(dir, 'baselines'), { recursive: true });
    await appendFile(join(dir, 'baselines', `${fileKey('parse/json')}.jsonl`), `${JSON.stringify(makeBaseline({ runId: 'r1' }))}\n`);

    const reopened = await openStore(dir);
    const afterKill = (await reopened.baselineHistory('parse/json', 'ci-1')).map((baseline) => baseline.runId);
    await reopened.acceptBaseline(makeBaseline({ runId: 'r2' }));
    const afterNext = (await reopened.baselineHistory('parse/json', 'ci-1')).map((baseline) => baseline.runId);
    await reopened.close();

    expect(afterKill).toEqual(['r1']);
    expect(afterNext).toEqual(['r1', 'r2']);
  });
});
