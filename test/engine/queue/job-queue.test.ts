import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/engine/model.js';
import { JobQueue, PRIORITY } from '../../../src/engine/queue/job-queue.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { stdoutLines, waitForExit, waitForLine } from '../store/helpers/child.js';
import { tempDir } from '../store/helpers/store-fixtures.js';

const person = { kind: 'command', by: 'slack:U1' } as const;
const nightly = { kind: 'schedule', by: 'schedule:nightly' } as const;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('JobQueue', () => {
  it('runs one job at a time, a person before a schedule, and equal priorities in order', async () => {
    const queue = new JobQueue();
    const order: string[] = [];
    const gate = deferred();
    queue.register('work', async (job) => {
      order.push(job.description);
      if (job.description === 'first') await gate.promise;
    });
    queue.start();
    queue.submit({ kind: 'work', description: 'first', trigger: person, request: { n: 1 } });
    queue.submit({ kind: 'work', description: 'nightly', trigger: nightly, request: { n: 2 } });
    queue.submit({ kind: 'work', description: 'asked 1', trigger: person, request: { n: 3 } });
    queue.submit({ kind: 'work', description: 'asked 2', trigger: person, request: { n: 4 } });
    await new Promise((r) => setImmediate(r));
    expect(queue.list().map((j) => [j.description, j.state])).toEqual([['first', 'running'], ['asked 1', 'queued'], ['asked 2', 'queued'], ['nightly', 'queued']]);
    gate.resolve();
    await queue.idle();
    expect(order).toEqual(['first', 'asked 1', 'asked 2', 'nightly']);
    expect(queue.list().find((j) => j.description === 'nightly')?.priority).toBe(PRIORITY.schedule);
  });

  it('the same work asked for twice while it waits is one job; once finished it can be asked again', async () => {
    const queue = new JobQueue();
    let runs = 0;
    queue.register('work', () => Promise.resolve(void runs++));
    const a = queue.submit({ kind: 'work', description: 'a', trigger: person, request: { pattern: 'json', ref: 'abc' } });
    const b = queue.submit({ kind: 'work', description: 'b', trigger: nightly, request: { ref: 'abc', pattern: 'json' } });
    const other = queue.submit({ kind: 'work', description: 'c', trigger: person, request: { pattern: 'tls', ref: 'abc' } });
    expect(b).toEqual({ job: a.job, duplicate: true });
    expect(other.duplicate).toBe(false);
    queue.start();
    await queue.idle();
    expect(runs).toBe(2);
    expect(queue.submit({ kind: 'work', description: 'again', trigger: person, request: { pattern: 'json', ref: 'abc' } }).duplicate).toBe(false);
  });

  it('a failing job is failed with its message, and the next one still runs', async () => {
    const queue = new JobQueue();
    queue.register('boom', () => Promise.reject(new Error('no suites directory')));
    queue.register('fine', () => Promise.resolve());
    queue.start();
    const boom = queue.submit({ kind: 'boom', description: 'boom', trigger: person, request: {} }).job;
    const fine = queue.submit({ kind: 'fine', description: 'fine', trigger: person, request: {} }).job;
    await queue.idle();
    expect(queue.get(boom.id)).toMatchObject({ state: 'failed', error: 'no suites directory' });
    expect(queue.get(fine.id)?.state).toBe('done');
    expect(() => queue.submit({ kind: 'unknown', description: 'x', trigger: person, request: {} })).toThrow(/no handler/);
  });

  it('cancels a queued job at once and a running one through its signal', async () => {
    const queue = new JobQueue();
    queue.register('wait', (_job, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    queue.start();
    const running = queue.submit({ kind: 'wait', description: 'running', trigger: person, request: { n: 1 } }).job;
    const waiting = queue.submit({ kind: 'wait', description: 'waiting', trigger: person, request: { n: 2 } }).job;
    expect(queue.cancel(waiting.id, 'slack:U2')).toMatchObject({ ok: true, job: { state: 'cancelled' } });
    expect(queue.cancel(running.id, 'slack:U2')).toMatchObject({ ok: true });
    await queue.idle();
    expect(queue.get(running.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'slack:U2' });
    expect(queue.cancel(running.id, 'slack:U3')).toMatchObject({ ok: false, reason: 'finished' });
  });

  it('saves every state change to the store, so a new queue resumes queued jobs and marks the running one interrupted, re-queued once', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const first = new JobQueue({ save: (job) => store.putJob(job, 200) });
    first.register('wait', () => new Promise<void>(() => undefined)); // never ends: the "process" is killed
    first.start();
    const running = first.submit({ kind: 'wait', description: 'long', trigger: person, request: { n: 1 } }).job;
    const queued = first.submit({ kind: 'wait', description: 'next', trigger: nightly, request: { n: 2 } }).job;
    await new Promise((r) => setTimeout(r, 50));
    await store.close();

    const reopened = await openStore(dir);
    expect((await reopened.listJobs()).map((j) => [j.id, j.state])).toEqual([[running.id, 'running'], [queued.id, 'queued']]);
    const ran: string[] = [];
    const second = new JobQueue({ save: (job) => reopened.putJob(job, 200) });
    second.register('wait', (job) => Promise.resolve(void ran.push(job.description)));
    const interrupted = second.start((await reopened.listJobs()));
    await second.idle();

    expect(interrupted.map((j) => j.id)).toEqual([running.id]);
    expect(ran).toEqual(['long', 'next']); // the re-queued copy (a person's) before the schedule
    const saved = (await reopened.listJobs());
    expect(saved.find((j) => j.id === running.id)).toMatchObject({ state: 'interrupted', error: expect.stringMatching(/queued again as j-/) });
    expect(saved.filter((j) => j.description === 'long' && j.id !== running.id)).toMatchObject([{ state: 'done', restarts: 1 }]);
    expect(saved.find((j) => j.id === queued.id)?.state).toBe('done');
    await reopened.close();
  });

  it('stopping perflab interrupts the running job and queues it again; queued jobs stay queued', async () => {
    const queue = new JobQueue();
    queue.register('wait', (_job, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    queue.start();
    const running = queue.submit({ kind: 'wait', description: 'measuring a commit', trigger: nightly, request: { n: 1 } }).job;
    const waiting = queue.submit({ kind: 'wait', description: 'next commit', trigger: nightly, request: { n: 2 } }).job;
    await new Promise((r) => setImmediate(r));
    await queue.stop();
    expect(queue.get(running.id)).toMatchObject({ state: 'interrupted', error: expect.stringMatching(/queued again as/) });
    expect(queue.get(waiting.id)?.state).toBe('queued');
    expect(queue.list().filter((j) => j.state === 'queued').map((j) => [j.description, j.restarts])).toEqual([['measuring a commit', 1], ['next commit', 0]]);
  });

  it('a job interrupted after its one restart is not queued again', () => {
    const queue = new JobQueue();
    queue.register('wait', () => Promise.resolve());
    const saved: Job = { id: 'j-old', kind: 'wait', description: 'twice', trigger: person, request: {}, priority: 20, dedupeKey: 'k', state: 'running', createdAt: '2026-11-21T00:00:00.000Z', restarts: 1 };
    queue.start([saved]);
    expect(queue.list().map((j) => [j.id, j.state])).toEqual([['j-old', 'interrupted']]);
  });

  it('after SIGKILL in the middle of a job, the next process finds it interrupted and runs it again', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/queue-victim.ts', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = stdoutLines(child);
    await waitForLine(child, output, 'running');
    child.kill('SIGKILL');
    await waitForExit(child);

    const store = await openStore(dir);
    const ran: string[] = [];
    const queue = new JobQueue({ save: (job) => store.putJob(job, 200) });
    queue.register('wait', (job) => Promise.resolve(void ran.push(job.description)));
    const interrupted = queue.start((await store.listJobs()));
    await queue.idle();
    expect(interrupted.map((j) => j.description)).toEqual(['killed']);
    expect(ran).toEqual(['killed']);
    expect((await store.listJobs()).map((j) => j.state)).toEqual(['interrupted', 'done']);
    await store.close();
  });
});
