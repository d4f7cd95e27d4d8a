// The lab's side of the shared queue (SharedJobQueue over PgJobQueue): what a
// process does with the jobs it takes — renewing, hearing a cancel asked in
// another process, handing its job back when it stops.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Job } from '../../../../src/engine/model.js';
import { SharedJobQueue, type TakeJobs } from '../../../../src/engine/queue/shared-job-queue.js';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import type { PgStore } from '../../../../src/engine/store/postgres/pg-store.js';
import { until } from '../../../helpers/until.js';
import { freshSchemaUrl } from '../helpers/pg-database.js';
import { tempDir } from '../helpers/store-fixtures.js';

const LEASE_MS = 300;

async function store(url: string): Promise<PgStore> {
  const opened = await openPgStore(url, { dir: await tempDir() });
  onTestFinished(() => opened.close());
  return opened;
}

/** A queue whose `wait` jobs run until aborted, telling `started` when they start and `ended` how. */
function queueOn(pg: PgStore, agent: string, take: TakeJobs, seen: { started: Job[]; ended: string[] }): SharedJobQueue {
  const queue = new SharedJobQueue({ backend: pg.jobQueue({ agent, machine: 'box', kinds: [], leaseMs: LEASE_MS }), take, leaseMs: LEASE_MS, pollMs: 50 });
  queue.register('wait', (job, signal) => {
    seen.started.push(job);
    return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
  });
  return queue;
}

describe('SharedJobQueue', () => {
  it('a job submitted by a process that runs none is run by an agent, renewed past its lease, and cancelled from the submitter', async () => {
    const url = await freshSchemaUrl();
    const seen = { started: [] as Job[], ended: [] as string[] };
    const bot = queueOn(await store(url), 'bot', 'none', seen);
    const agent = queueOn(await store(url), 'agent', 'any', seen);
    const ended: Job[] = [];
    bot.onEndedElsewhere((job) => ended.push(job));
    await Promise.all([bot.start(), agent.start()]);
    onTestFinished(() => Promise.all([bot.stop(), agent.stop()]).then(() => undefined));

    const { job } = bot.submit({ kind: 'wait', description: 'wait', trigger: { kind: 'cli', by: 'cli:me' }, request: {} });
    await until(async () => seen.started.length === 1, 10_000, 'the agent to start the job');
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 3)); // three leases: renewed, not reclaimed
    expect(bot.get(job.id)?.state).toBe('running');
    bot.cancel(job.id, 'cli:me');

    await until(async () => ended.length === 1, 10_000, 'the submitter to hear the job ended');
    expect(ended[0]).toMatchObject({ id: job.id, state: 'cancelled', cancelledBy: 'cli:me', restarts: 0 });
    expect(seen.started).toHaveLength(1);
  });

  it('a process that stops while running a job hands it back: interrupted, and queued again for another agent', async () => {
    const url = await freshSchemaUrl();
    const pg = await store(url);
    const seen = { started: [] as Job[], ended: [] as string[] };
    const first = queueOn(pg, 'first', 'any', seen);
    await first.start();
    const { job } = first.submit({ kind: 'wait', description: 'wait', trigger: { kind: 'cli', by: 'cli:me' }, request: {} });
    await until(async () => seen.started.length === 1, 10_000, 'the job to start');

    await first.stop();
    const second = queueOn(await store(url), 'second', 'any', seen);
    await second.start();
    onTestFinished(() => second.stop());
    await until(async () => seen.started.length === 2, 10_000, 'the job to start again elsewhere');

    const queue = pg.jobQueue({ agent: 'test', machine: 'box', kinds: [] });
    expect(await queue.get(job.id)).toMatchObject({ state: 'interrupted', error: expect.stringMatching(/^first stopped while this job ran; queued again as j-/) });
    expect(seen.started[1]).toMatchObject({ description: 'wait', restarts: 1 });
  });
});
