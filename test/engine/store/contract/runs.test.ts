import { describe, expect, it } from 'vitest';
import { makeResult, makeRun } from '../helpers/store-fixtures.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

describe.each(storeKinds)('runs ($name)', (kind) => {
  it('a begun run reads back unfinished after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.beginRun(makeRun({ id: 'r1' }));
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getRun('r1'))).toEqual(makeRun({ id: 'r1' }));
    expect((await reopened.getRun('r1'))?.finishedAt).toBeNull();
    await reopened.close();
  });

  it('a finished run reads back with its finish time and environment after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.beginRun(makeRun({ id: 'r1' }));
    await store.finishRun('r1', { finishedAt: '2024-03-07T10:30:00.000Z', environment: 'suspect' });
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getRun('r1'))).toMatchObject({ finishedAt: '2024-03-07T10:30:00.000Z', environment: 'suspect' });
    await reopened.close();
  });

  it('listRuns returns runs newest first across months and honours limit', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.beginRun(makeRun({ id: 'feb', startedAt: '2024-02-29T23:59:00.000Z' }));
    await store.beginRun(makeRun({ id: 'mar-late', startedAt: '2024-03-20T00:00:00.000Z' }));
    await store.beginRun(makeRun({ id: 'mar-early', startedAt: '2024-03-01T00:00:00.000Z' }));

    expect((await store.listRuns()).map((run) => run.id)).toEqual(['mar-late', 'mar-early', 'feb']);
    expect((await store.listRuns({ limit: 2 })).map((run) => run.id)).toEqual(['mar-late', 'mar-early']);
    await store.close();
  });

  it('beginning a run with an existing id fails', async () => {
    const store = await openFresh(kind);
    await store.beginRun(makeRun({ id: 'r1' }));

    await expect(store.beginRun(makeRun({ id: 'r1' }))).rejects.toThrow(/already exists/);
    await store.close();
  });

  it('finishing an unknown run fails', async () => {
    const store = await openFresh(kind);

    await expect(store.finishRun('nope', { finishedAt: '2024-03-07T10:30:00.000Z', environment: 'ok' })).rejects.toThrow(/no such run/);
    await store.close();
  });

  it('runs handed out by the store cannot be changed by the caller', async () => {
    const store = await openFresh(kind);
    await store.beginRun(makeRun({ id: 'r1' }));
    const run = (await store.getRun('r1'));

    expect(() => Object.assign(run ?? {}, { finishedAt: 'now' })).toThrow(TypeError);
    expect((await store.getRun('r1'))?.finishedAt).toBeNull();
    await store.close();
  });
});

describe.each(storeKinds)('results ($name)', (kind) => {
  it('results of a run read back with their samples after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    const run = makeRun({ id: 'r1' });
    const results = [makeResult(run, 'parse/json', 100), makeResult(run, 'parse/csv', 200)];
    await store.beginRun(run);
    await store.recordResults('r1', results);
    await store.close();

    const reopened = await place.open();
    expect(await reopened.runResults('r1')).toEqual(results);
    await reopened.close();
  });

  it('results of a run can be recorded only once', async () => {
    const store = await openFresh(kind);
    const run = makeRun({ id: 'r1' });
    await store.beginRun(run);
    await store.recordResults('r1', [makeResult(run, 'parse/json', 100)]);

    await expect(store.recordResults('r1', [makeResult(run, 'parse/csv', 100)])).rejects.toThrow(/already recorded/);
    expect(await store.history('parse/csv')).toEqual([]);
    await store.close();
  });

  it('recording results of an unknown run fails', async () => {
    const store = await openFresh(kind);

    await expect(store.recordResults('nope', [])).rejects.toThrow(/no such run/);
    await store.close();
  });

  it('recording a result that belongs to another run fails and writes nothing', async () => {
    const store = await openFresh(kind);
    const run = makeRun({ id: 'r1' });
    await store.beginRun(run);

    await expect(store.recordResults('r1', [makeResult(makeRun({ id: 'r2' }), 'parse/json', 100)])).rejects.toThrow(/run r2/);
    expect(await store.runResults('r1')).toEqual([]);
    await store.close();
  });

  it('runResults of a run without recorded results is empty', async () => {
    const store = await openFresh(kind);
    await store.beginRun(makeRun({ id: 'r1' }));

    expect(await store.runResults('r1')).toEqual([]);
    expect(await store.runResults('unknown')).toEqual([]);
    await store.close();
  });
});
