import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/engine/store/open-store.js';
import { createWriteQueue } from '../../../src/engine/store/write-queue.js';
import { makeAlert, makeBaseline, makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

describe('one writer', () => {
  it('writes started together are all on disk after reopening', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const runs = Array.from({ length: 20 }, (_, i) => makeRun({ id: `r${i}`, startedAt: `2024-03-07T10:${String(i).padStart(2, '0')}:00.000Z` }));

    await Promise.all([
      ...runs.map((run) => store.beginRun(run)),
      ...runs.map((run) => store.recordResults(run.id, [makeResult(run, 'parse/json', 1)])),
      ...Array.from({ length: 20 }, (_, i) => store.addAlert(makeAlert({ id: `a${i}` }))),
      ...Array.from({ length: 20 }, (_, i) => store.acceptBaseline(makeBaseline({ caseId: `case/${i}` }))),
    ]);
    await store.close();

    const reopened = await openStore(dir);
    expect((await reopened.listRuns())).toHaveLength(20);
    expect(await reopened.history('parse/json')).toHaveLength(20);
    expect((await reopened.listAlerts())).toHaveLength(20);
    expect((await reopened.listBaselines())).toHaveLength(20);
    expect((await reopened.listAudit())).toHaveLength(20);
    await reopened.close();
  });

  it('a failed write does not stop the writes queued after it', async () => {
    const store = await openStore(await tempDir());

    const [failed, next] = await Promise.allSettled([store.finishRun('nope', { finishedAt: null, environment: 'ok' }), store.beginRun(makeRun())]);

    expect(failed.status).toBe('rejected');
    expect(next.status).toBe('fulfilled');
    expect((await store.getRun('run-1'))).toBeDefined();
    await store.close();
  });

  it('the queue runs steps one at a time in the order they were queued', async () => {
    const queue = createWriteQueue();
    const log: string[] = [];
    const step = (name: string, ms: number) => () => {
      log.push(`start ${name}`);
      return new Promise<void>((resolve) => setTimeout(() => { log.push(`end ${name}`); resolve(); }, ms));
    };

    await Promise.all([queue.run(step('a', 20)), queue.run(step('b', 1)), queue.run(step('c', 5))]);

    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('close waits for queued writes and then refuses new ones', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const pending = store.beginRun(makeRun());

    await store.close();

    await expect(pending).resolves.toBeUndefined();
    await expect(store.beginRun(makeRun({ id: 'late' }))).rejects.toThrow(/closed/);
    const reopened = await openStore(dir);
    expect((await reopened.getRun('run-1'))).toBeDefined();
    await reopened.close();
  });
});
