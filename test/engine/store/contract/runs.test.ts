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

  it('of two recordings of the same run\'s results at once, one fails and the other is kept whole', async () => {
    const store = await openFresh(kind);
    const run = makeRun({ id: 'r1' });
    await store.beginRun(run);
    const first = [makeResult(run, 'parse/json', 100), makeResult(run, 'parse/csv', 200)];
    const second = [makeResult(run, 'parse/json', 300)];

    const outcomes = await Promise.allSettled([store.recordResults('r1', first), store.recordResults('r1', second)]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const kept = outcomes[0]?.status === 'fulfilled' ? first : second;
    expect(await store.runResults('r1')).toEqual(kept);
    expect(await store.history('parse/json')).toHaveLength(1);
    await store.close();
  });

  it('errored and stress results read back as recorded', async () => {
    const store = await openFresh(kind);
    const run = makeRun({ id: 'r1', mode: 'stress' });
    await store.beginRun(run);
    const errored = makeResult(run, 'parse/json', 0, {
      result: { caseId: 'parse/json', suite: 'parse', name: 'json', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' } },
      comparison: undefined,
      inWindow: false,
    });
    const ok = makeResult(run, 'api/get', 1_234_567.891);
    if (ok.result.state !== 'ok') throw new Error('expected an ok result');
    const stress = { ...ok, result: { ...ok.result, kind: 'stress' as const, samples: 'HISTFAAAAB542', process: { wallNs: 1e9, userMs: 12.5, sysMs: 3, peakRssBytes: 52_428_800, executions: 1, regionMarked: false } } };
    await store.recordResults('r1', [errored, stress]);

    expect(await store.runResults('r1')).toEqual([errored, stress]);
    await store.close();
  });

  it('a fuzz run keeps its plan when begun and its outcome when finished', async () => {
    const place = await kind.place();
    const store = await place.open();
    const plan = { budgetMs: 60_000, workers: 2, tasks: [{ caseId: 'url/round trip', worker: 0, seed: -12345, budgetMs: 30_000 }] };
    await store.beginRun(makeRun({ id: 'f1', mode: 'fuzz', fuzz: plan }));
    const cases = [{ caseId: 'url/round trip', state: 'passed' as const, inputs: 1000, executions: 1200, elapsedMs: 30_000, executionsPerSecond: 40, budgetCoverage: 1, findings: 0 }];
    await store.finishRun('f1', { finishedAt: '2024-03-07T10:30:00.000Z', environment: 'ok', fuzz: { ...plan, cases } });
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getRun('f1')).toEqual(makeRun({ id: 'f1', mode: 'fuzz', finishedAt: '2024-03-07T10:30:00.000Z', fuzz: { ...plan, cases } }));
    await reopened.close();
  });
});
