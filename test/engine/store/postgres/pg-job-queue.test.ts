// The shared job queue of `perflab agent` processes: each job runs once, on
// the machine it was asked for, and a dead agent's job comes back.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { JobSpec } from '../../../../src/engine/queue/job-queue.js';
import { connectPg } from '../../../../src/engine/store/postgres/open-pg-store.js';
import type { PgJobQueueOptions } from '../../../../src/engine/store/postgres/pg-job-queue.js';
import { PgJobQueue } from '../../../../src/engine/store/postgres/pg-job-queue.js';
import { freshSchemaUrl } from '../helpers/pg-database.js';

/** One queue per machine named, on one database, each with its own pool: agents on different machines. */
async function agents(machines: string[], options: Partial<PgJobQueueOptions> = {}): Promise<PgJobQueue[]> {
  const url = await freshSchemaUrl();
  return Promise.all(
    machines.map(async (machine, i) => {
      const { sql } = await connectPg(url);
      onTestFinished(() => sql.end());
      return new PgJobQueue(sql, { agent: `agent-${i}`, machine, kinds: ['run'], ...options });
    }),
  );
}

function spec(pattern: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return { kind: 'run', description: `run ${pattern}`, trigger: { kind: 'commit', by: 'git' }, request: { pattern }, ...overrides };
}

describe('PgJobQueue', () => {
  it('agents claiming at once each get different jobs, and every job is claimed once', async () => {
    const [a, b, c] = (await agents(['ci-1', 'ci-1', 'ci-1'])) as [PgJobQueue, PgJobQueue, PgJobQueue];
    const submitted = await Promise.all(Array.from({ length: 12 }, (_, i) => a.submit(spec(`case-${i}`))));

    const claimed = await Promise.all([a, b, c].map(async (agent) => {
      const mine: string[] = [];
      for (let job = await agent.claim(); job; job = await agent.claim()) mine.push(job.id);
      return mine;
    }));

    expect(claimed.flat().sort()).toEqual(submitted.map((s) => s.job.id).sort());
  });

  it('the highest priority runs first, then the oldest', async () => {
    const [agent] = (await agents(['ci-1'])) as [PgJobQueue];
    await agent.submit(spec('nightly', { trigger: { kind: 'schedule', by: 's1' } }));
    await agent.submit(spec('commit-1'));
    await agent.submit(spec('asked', { trigger: { kind: 'command', by: 'U1' } }));
    await agent.submit(spec('commit-2'));

    const order: string[] = [];
    for (let job = await agent.claim(); job; job = await agent.claim()) order.push(job.description);

    expect(order).toEqual(['run asked', 'run commit-1', 'run commit-2', 'run nightly']);
  });

  it('a job asked for one machine is claimed only by an agent of that machine', async () => {
    const [ci, arm] = (await agents(['ci-1', 'arm-2'])) as [PgJobQueue, PgJobQueue];
    const { job } = await ci.submit({ ...spec('arm'), machine: 'arm-2' });

    expect(await ci.claim()).toBeUndefined();
    expect(await arm.claim()).toMatchObject({ id: job.id, state: 'running' });
  });

  it('the same work submitted twice at once is one job', async () => {
    const [a, b] = (await agents(['ci-1', 'ci-1'])) as [PgJobQueue, PgJobQueue];

    const [first, second] = await Promise.all([a.submit(spec('same')), b.submit(spec('same'))]);

    expect(first.job.id).toBe(second.job.id);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
  });

  it('a job whose agent stops renewing is interrupted and queued again for another agent; the first can no longer finish it', async () => {
    const [dead, alive] = (await agents(['ci-1', 'ci-1'], { leaseMs: 1000 })) as [PgJobQueue, PgJobQueue];
    await dead.submit(spec('long'));
    const job = await dead.claim();
    expect(await alive.reclaimExpired()).toEqual([]);

    await sleep(1500);
    const interrupted = await alive.reclaimExpired();
    const again = await alive.claim();

    expect(interrupted).toMatchObject([{ id: job?.id, state: 'interrupted', error: expect.stringMatching(/lease of agent-0 ran out.*queued again as j-/) as string }]);
    expect(again).toMatchObject({ description: 'run long', state: 'running', restarts: 1, createdAt: job?.createdAt });
    expect(await dead.renew(job?.id ?? '')).toBe('lost');
    expect(await dead.finish(job?.id ?? '', 'done')).toBeUndefined();
    expect(await alive.finish(again?.id ?? '', 'done')).toMatchObject({ state: 'done' });
  });

  it('a running job asked to cancel is told so at its next renewal; a queued one is cancelled at once', async () => {
    const [agent] = (await agents(['ci-1'])) as [PgJobQueue];
    await agent.submit(spec('running'));
    const { job: waiting } = await agent.submit(spec('waiting', { trigger: { kind: 'schedule', by: 's1' } }));
    const running = await agent.claim();

    expect(await agent.renew(running?.id ?? '')).toBe('held');
    expect(await agent.cancel(running?.id ?? '', 'slack:U1')).toMatchObject({ ok: true, job: { state: 'running', cancelledBy: 'slack:U1' } });
    expect(await agent.renew(running?.id ?? '')).toBe('cancel');
    expect(await agent.cancel(waiting.id, 'slack:U1')).toMatchObject({ ok: true, job: { state: 'cancelled' } });
    expect(await agent.cancel(waiting.id, 'slack:U1')).toMatchObject({ ok: false, reason: 'finished' });
    expect(await agent.cancel('j-nope', 'slack:U1')).toEqual({ ok: false, reason: 'not-found' });
  });
});
