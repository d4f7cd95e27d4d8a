// The job queue shared by `perflab agent` processes on many machines (DESIGN
// §9), kept in the `jobs` table. The lab reaches it through SharedJobQueue
// (queue/shared-job-queue.ts), which runs the lab's handlers on what it claims.
//
//   submit          any process (the Slack server, a webhook, the CLI) adds a
//                   job; a job already queued or running with the same dedupe
//                   key is returned instead, even when two processes ask at once
//   claim           an agent takes the best queued job it may run — `FOR UPDATE
//                   SKIP LOCKED`, so agents claiming at once never wait on each
//                   other nor get the same job — and holds it with a lease
//   renew           while the job runs, the agent renews the lease (every third
//                   of it); the answer says whether it still holds the job and
//                   whether someone asked to cancel it
//   finish          only the lease holder can finish a job
//   reclaimExpired  a running job whose lease ran out (its agent died) becomes
//                   `interrupted` and, unless it was restarted `maxRestarts`
//                   times already, a copy is queued: JobQueue's rule after a kill
//
// A job asked for one machine (`machine`) is claimed only by an agent of that
// machine: baselines are per machine. Lease times are the database's clock, so
// agents whose clocks disagree still agree on who holds what.
//
// Submitting notifies the channel `perflab_jobs` (at commit), so idle agents
// claim at once instead of at their next poll.
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import type { CancelOutcome, JobSpec, SubmitOutcome } from '../../queue/job-queue.js';
import { defaultDedupeKey, priorityOf } from '../../queue/job-queue.js';
import type { SharedQueueBackend, SubmitAs } from '../../queue/shared-job-queue.js';
import type { Job } from '../../model.js';
import { jsonb, transaction } from './pg-db.js';
import type { JobRow } from './pg-jobs.js';
import { toJob } from './pg-jobs.js';

export interface PgJobQueueOptions {
  /** Who holds a lease, e.g. `agent:ci-7:1234` (host and pid). */
  agent: string;
  /** The machine this agent measures on; it claims jobs for this machine and for any machine. */
  machine: string;
  /** The kinds this agent has handlers for; it claims no other. */
  kinds: readonly string[];
  /** How long a claim holds without renewal, ms. Default: 60 000. */
  leaseMs?: number;
  /** A job whose lease ran out is queued again this many times at most. Default: 1 (as JobQueue). */
  maxRestarts?: number;
  /** Finished jobs kept in the table, newest first. Default: 200. */
  keepFinished?: number;
}

export type Renewal = 'held' | 'cancel' | 'lost';

type ResolvedOptions = Required<PgJobQueueOptions>;

function resolveOptions(options: PgJobQueueOptions): ResolvedOptions {
  return { leaseMs: 60_000, maxRestarts: 1, keepFinished: 200, ...options };
}

const ACTIVE = ['queued', 'running'];
const CHANNEL = 'perflab_jobs';

export class PgJobQueue implements SharedQueueBackend {
  readonly #sql: postgres.Sql;
  readonly #options: ResolvedOptions;

  constructor(sql: postgres.Sql, options: PgJobQueueOptions) {
    this.#sql = sql;
    this.#options = resolveOptions(options);
  }

  /** This agent's name: who holds its leases. */
  get agent(): string {
    return this.#options.agent;
  }

  /**
   * Adds a job, or returns the queued or running one with the same dedupe key.
   * `as.id` names the new job; `as.held`: it is born running and leased to this
   * agent (work a process runs itself, e.g. a CLI command's), so no other
   * agent takes it unless this one dies.
   */
  async submit(spec: JobSpec & { machine?: string }, as: SubmitAs = {}): Promise<SubmitOutcome> {
    const dedupeKey = spec.dedupeKey ?? defaultDedupeKey(spec);
    const held = as.held === true;
    return transaction(this.#sql, async (tx) => {
      // Two processes submitting the same work at once: the second waits here, then finds the first's job.
      await tx`select pg_advisory_xact_lock(hashtextextended(${`perflab.job:${dedupeKey}`}, 0))`;
      const [existing] = await tx<JobRow[]>`select * from jobs where dedupe_key = ${dedupeKey} and state = any(${ACTIVE}) order by seq limit 1`;
      if (existing) return { job: toJob(existing), duplicate: true };
      const [row] = await tx<JobRow[]>`
        insert into jobs (id, kind, description, trigger, request, priority, dedupe_key, state, created_at, restarts, machine)
        values (${as.id ?? newJobId()}, ${spec.kind}, ${spec.description}, ${jsonb(tx, spec.trigger)}, ${jsonb(tx, spec.request)},
                ${spec.priority ?? priorityOf(spec.trigger)}, ${dedupeKey}, ${held ? 'running' : 'queued'}, now(), 0, ${spec.machine ?? null})
        returning *`;
      if (!row) throw new Error('inserting a job returned nothing');
      if (held) {
        const [leased] = await tx<JobRow[]>`
          update jobs set started_at = now(), leased_by = ${this.#options.agent}, lease_until = now() + ${this.#options.leaseMs} * interval '1 millisecond'
          where id = ${row.id} returning *`;
        return { job: toJob(leased ?? row), duplicate: false };
      }
      await tx`select pg_notify(${CHANNEL}, ${spec.kind})`;
      return { job: toJob(row), duplicate: false };
    });
  }

  /** The best queued job this agent may run (of `kinds`, default all it has handlers for), now `running` and leased to it; undefined when there is none. */
  async claim(kinds: readonly string[] = this.#options.kinds): Promise<Job | undefined> {
    const [row] = await this.#sql<JobRow[]>`
      with next as (
        select id from jobs
        where state = 'queued' and (machine is null or machine = ${this.#options.machine}) and kind = any(${[...kinds]})
        order by priority desc, created_at, restarts desc
        limit 1
        for update skip locked
      )
      update jobs set state = 'running', started_at = now(), leased_by = ${this.#options.agent},
                      lease_until = now() + ${this.#options.leaseMs} * interval '1 millisecond'
      from next where jobs.id = next.id
      returning jobs.*`;
    return row && toJob(row);
  }

  /** Extends the lease. `lost`: another agent reclaimed the job (stop working on it); `cancel`: someone asked to cancel it. */
  async renew(id: string): Promise<Renewal> {
    const [row] = await this.#sql<{ cancelled_by: string | null }[]>`
      update jobs set lease_until = now() + ${this.#options.leaseMs} * interval '1 millisecond'
      where id = ${id} and state = 'running' and leased_by = ${this.#options.agent}
      returning cancelled_by`;
    if (!row) return 'lost';
    return row.cancelled_by === null ? 'held' : 'cancel';
  }

  /** Ends a job this agent holds; undefined when it no longer holds it (its lease ran out and the job was reclaimed). */
  async finish(id: string, state: 'done' | 'failed' | 'cancelled', error?: string): Promise<Job | undefined> {
    return transaction(this.#sql, async (tx) => {
      const [row] = await tx<JobRow[]>`
        update jobs set state = ${state}, finished_at = now(), error = ${error ?? null}, leased_by = null, lease_until = null
        where id = ${id} and state = 'running' and leased_by = ${this.#options.agent}
        returning *`;
      if (row) await this.#forgetOld(tx);
      return row && toJob(row);
    });
  }

  /** A queued job is cancelled at once; a running one is marked, and its agent stops it at its next renewal. */
  async cancel(id: string, by: string): Promise<CancelOutcome> {
    const [row] = await this.#sql<JobRow[]>`
      update jobs set cancelled_by = ${by},
        state = case when state = 'queued' then 'cancelled' else state end,
        finished_at = case when state = 'queued' then now() else finished_at end
      where id = ${id} and state = any(${ACTIVE})
      returning *`;
    if (row) return { ok: true, job: toJob(row) };
    const [finished] = await this.#sql<JobRow[]>`select * from jobs where id = ${id}`;
    return finished ? { ok: false, reason: 'finished', job: toJob(finished) } : { ok: false, reason: 'not-found' };
  }

  /** The job as the table has it now. */
  async get(id: string): Promise<Job | undefined> {
    const [row] = await this.#sql<JobRow[]>`select * from jobs where id = ${id}`;
    return row && toJob(row);
  }

  /** Running first, then queued in the order they will run, then the newest `finished` finished ones. */
  async list(finished = 50): Promise<Job[]> {
    const rows = await this.#sql<JobRow[]>`
      (select * from jobs where state = any(${ACTIVE}) order by state = 'running' desc, priority desc, created_at, restarts desc)
      union all
      (select * from jobs where state <> all(${ACTIVE}) order by seq desc limit ${finished})`;
    return rows.map(toJob);
  }

  /** Calls `onSubmitted` when any process submits a job; resolves to a way to stop listening. */
  async listen(onSubmitted: () => void): Promise<() => Promise<void>> {
    const { unlisten } = await this.#sql.listen(CHANNEL, () => onSubmitted());
    return unlisten;
  }

  /**
   * This agent stops (its process is shutting down) while it holds the job:
   * `interrupted` now, and queued again as after a lease ran out. The job as
   * it ended, or undefined when this agent no longer held it.
   */
  async interrupt(id: string): Promise<Job | undefined> {
    const [ended] = await transaction(this.#sql, (tx) => this.#expire(tx, tx`id = ${id} and leased_by = ${this.#options.agent}`, `${this.#options.agent} stopped while this job ran`));
    return ended;
  }

  /**
   * Running jobs whose lease ran out become `interrupted`; each is queued
   * again (same request, its place in line kept) unless it already was
   * `maxRestarts` times. Returns the interrupted jobs.
   */
  async reclaimExpired(): Promise<Job[]> {
    return transaction(this.#sql, (tx) => this.#expire(tx, tx`lease_until < now()`));
  }

  /** Running jobs matching `which` become `interrupted` (`why`, default: their lease ran out), each queued again unless restarted `maxRestarts` times. */
  async #expire(tx: postgres.TransactionSql, which: postgres.PendingQuery<postgres.Row[]>, why?: string): Promise<Job[]> {
    const expired = await tx<JobRow[]>`
      update jobs set state = 'interrupted', finished_at = now(),
        error = coalesce(${why ?? null}::text, 'the lease of ' || coalesce(leased_by, 'its agent') || ' ran out while this job ran'),
        leased_by = null, lease_until = null
      where id in (select id from jobs where state = 'running' and ${which} for update skip locked)
      returning *`;
    if (expired.length === 0) return [];
    for (const job of expired) {
      if (job.restarts >= this.#options.maxRestarts) continue;
      const again = newJobId();
      await tx`
        insert into jobs (id, kind, description, trigger, request, priority, dedupe_key, state, created_at, restarts, machine)
        select ${again}, kind, description, trigger, request, priority, dedupe_key, 'queued', created_at, restarts + 1, machine
        from jobs where id = ${job.id}`;
      await tx`update jobs set error = error || '; queued again as ' || ${again} where id = ${job.id}`;
    }
    if (expired.some((job) => job.restarts < this.#options.maxRestarts)) await tx`select pg_notify(${CHANNEL}, 'requeued')`;
    const rows = await tx<JobRow[]>`select * from jobs where id = any(${expired.map((job) => job.id)}) order by seq`;
    return rows.map(toJob);
  }

  async #forgetOld(db: postgres.TransactionSql): Promise<void> {
    await db`
      delete from jobs where id in (
        select id from jobs where state <> all(${ACTIVE}) order by seq desc offset ${this.#options.keepFinished})`;
  }
}

function newJobId(): string {
  return `j-${randomBytes(4).toString('hex')}`;
}
