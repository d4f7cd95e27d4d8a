import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/engine/model.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

function job(id: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'run',
    description: 'run json/*',
    trigger: { kind: 'cli', by: 'cli:alice' },
    request: { pattern: 'json/*', options: { samples: 30 } },
    priority: 0,
    dedupeKey: `run:${id}`,
    state: 'queued',
    createdAt: '2024-03-07T10:00:00.000Z',
    restarts: 0,
    ...overrides,
  };
}

const finished = (id: string): Job => job(id, { state: 'done', startedAt: '2024-03-07T10:01:00.000Z', finishedAt: '2024-03-07T10:02:00.000Z' });

describe.each(storeKinds)('jobs ($name)', (kind) => {
  it('a put job reads back as it was put, after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    const failed = job('j2', { state: 'failed', startedAt: '2024-03-07T10:01:00.000Z', finishedAt: '2024-03-07T10:02:00.000Z', error: 'boom', restarts: 1, priority: 5 });
    await store.putJob(job('j1'), 10);
    await store.putJob(failed, 10);
    await store.close();

    const reopened = await place.open();
    expect(await reopened.listJobs()).toEqual([job('j1'), failed]);
    await reopened.close();
  });

  it('putting a known job replaces it and keeps its place in the order', async () => {
    const store = await openFresh(kind);
    await store.putJob(job('j1'), 10);
    await store.putJob(job('j2'), 10);

    await store.putJob(job('j1', { state: 'cancelled', cancelledBy: 'slack:U2', finishedAt: '2024-03-07T10:05:00.000Z' }), 10);

    expect((await store.listJobs()).map((j) => [j.id, j.state])).toEqual([['j1', 'cancelled'], ['j2', 'queued']]);
    expect((await store.listJobs())[0]?.cancelledBy).toBe('slack:U2');
    await store.close();
  });

  it('only the newest finished jobs are kept; queued and running ones always are', async () => {
    const store = await openFresh(kind);
    await store.putJob(finished('old'), 2);
    await store.putJob(job('waiting'), 2);
    await store.putJob(finished('middle'), 2);
    await store.putJob(job('busy', { state: 'running', startedAt: '2024-03-07T10:01:00.000Z' }), 2);

    await store.putJob(finished('new'), 2);

    expect((await store.listJobs()).map((j) => j.id)).toEqual(['waiting', 'middle', 'busy', 'new']);
    await store.close();
  });
});
