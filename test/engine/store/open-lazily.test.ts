// Opening a store reads state.json and lists folders; runs, audit events and
// archived alerts of older months are read only when asked for. Each test
// damages an older month: if opening (or a question the newest month
// answers) read it, the test would fail with StoreCorrupt.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { makeAlert, makeRun, tempDir } from './helpers/store-fixtures.js';

const JANUARY_RUN = '20240110T100000Z-aaaaaa';
const MARCH_RUN = '20240310T100000Z-bbbbbb';

/** A store with a run and an audit event in January and in March; January's files then damaged. */
async function storeWithDamagedJanuary(): Promise<string> {
  const dir = await tempDir();
  const store = await openStore(dir);
  await store.beginRun(makeRun({ id: JANUARY_RUN, startedAt: '2024-01-10T10:00:00.000Z' }));
  await store.beginRun(makeRun({ id: MARCH_RUN, startedAt: '2024-03-10T10:00:00.000Z' }));
  await store.audit({ at: '2024-01-10T10:00:00.000Z', actor: 'cli:a', action: 'january', args: {} });
  await store.audit({ at: '2024-03-10T10:00:00.000Z', actor: 'cli:a', action: 'march', args: {} });
  await store.addAlert(makeAlert({ id: `${JANUARY_RUN}-regression`, runId: JANUARY_RUN, createdAt: '2024-01-10T11:00:00.000Z' }));
  await store.transitionAlert(`${JANUARY_RUN}-regression`, ['open'], 'dismissed', 'slack:U1');
  await store.close();
  for (const file of [join(dir, 'runs', '2024-01.jsonl'), join(dir, 'audit', '2024-01.jsonl'), join(dir, 'alerts', '2024-01.jsonl')]) {
    await writeFile(file, '{ damaged\n');
  }
  return dir;
}

describe('opening a store', () => {
  it('reads no month of runs, audit events or archived alerts', async () => {
    const dir = await storeWithDamagedJanuary();

    const store = await openStore(dir);

    expect((await store.listAlerts({ state: 'open' }))).toEqual([]);
    await store.close();
  });

  it('the newest runs and audit events are read from the newest month only', async () => {
    const store = await openStore(await storeWithDamagedJanuary());

    expect((await store.listRuns({ limit: 1 })).map((run) => run.id)).toEqual([MARCH_RUN]);
    expect((await store.listAudit({ limit: 1 })).map((event) => event.action)).toEqual(['march']);
    await store.close();
  });

  it('a run is looked up in the month its id names', async () => {
    const store = await openStore(await storeWithDamagedJanuary());

    expect((await store.getRun(MARCH_RUN))?.startedAt).toBe('2024-03-10T10:00:00.000Z');
    await store.close();
  });

  it('an older month is read when asked for, and its damage is reported then', async () => {
    const store = await openStore(await storeWithDamagedJanuary());

    await expect(store.getRun(JANUARY_RUN)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt });
    await expect(store.listAudit()).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt });
    await expect(store.listAlerts()).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt });
    await store.close();
  });

  it('recording a run reads no month of runs, and a reused id is still refused after reopening', async () => {
    const dir = await storeWithDamagedJanuary();
    const store = await openStore(dir);
    const april = makeRun({ id: '20240405T100000Z-cccccc', startedAt: '2024-04-05T10:00:00.000Z' });
    await store.beginRun(april);
    await store.finishRun(april.id, { finishedAt: '2024-04-05T10:20:00.000Z', environment: 'ok' });
    await store.close();
    // April's file now ends with a damaged line: any read of April fails.
    await writeFile(join(dir, 'runs', '2024-04.jsonl'), '{ damaged\n', { flag: 'a' });

    const reopened = await openStore(dir);
    const next = makeRun({ id: '20240406T100000Z-dddddd', startedAt: '2024-04-06T10:00:00.000Z' });
    await reopened.beginRun(next);
    await reopened.recordResults(next.id, []);
    await reopened.finishRun(next.id, { finishedAt: '2024-04-06T10:20:00.000Z', environment: 'suspect' });
    // The id April's file holds is found there, and reading April then reports its damage.
    await expect(reopened.beginRun(makeRun({ id: april.id, startedAt: april.startedAt }))).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt });
    await reopened.close();

    await writeFile(join(dir, 'runs', '2024-04.jsonl'), (await readFile(join(dir, 'runs', '2024-04.jsonl'), 'utf8')).replace('{ damaged\n', ''));
    const repaired = await openStore(dir);
    await expect(repaired.beginRun(makeRun({ id: april.id, startedAt: april.startedAt }))).rejects.toThrow(/already exists/);
    expect(await repaired.getRun(next.id)).toMatchObject({ environment: 'suspect', finishedAt: '2024-04-06T10:20:00.000Z' });
    await repaired.close();
  });
});
