// The persisted job queue as the lowdb store keeps it: every job by id, in
// submission order, the newest `keepFinished` finished ones kept. (Handing
// jobs to agents on many machines is a separate concern: pg-job-queue.ts.)
import type { Job, JobState, Trigger } from '../../model.js';
import { deepFreeze } from '../snapshot.js';
import type { Db } from './pg-db.js';
import { iso, jsonb, present, transaction } from './pg-db.js';

export interface JobRow {
  id: string;
  kind: string;
  description: string;
  trigger: Trigger;
  request: Record<string, unknown>;
  priority: number;
  dedupe_key: string;
  state: JobState;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  cancelled_by: string | null;
  restarts: number;
}

/** In submission order. */
export async function listJobs(db: Db): Promise<Job[]> {
  const rows = await db<JobRow[]>`select * from jobs order by seq`;
  return rows.map(toJob);
}

/** Inserts or replaces the job (keeping its place in the order); finished jobs beyond the newest `keepFinished` are forgotten. */
export async function putJob(db: Db, job: Job, keepFinished: number): Promise<void> {
  await transaction(db, async (tx) => {
    const values = {
      id: job.id,
      kind: job.kind,
      description: job.description,
      trigger: jsonb(tx, job.trigger),
      request: jsonb(tx, job.request),
      priority: job.priority,
      dedupe_key: job.dedupeKey,
      state: job.state,
      created_at: job.createdAt,
      started_at: job.startedAt ?? null,
      finished_at: job.finishedAt ?? null,
      error: job.error ?? null,
      cancelled_by: job.cancelledBy ?? null,
      restarts: job.restarts,
    };
    const columns = Object.keys(values) as (keyof typeof values)[];
    const updated = columns.filter((column) => column !== 'id');
    await tx`
      insert into jobs ${tx(values, ...columns)}
      on conflict (id) do update set ${tx(values, ...updated)}`;
    await tx`
      delete from jobs where id in (
        select id from jobs where finished_at is not null order by seq desc offset ${Math.max(0, keepFinished)})`;
  });
}

export function toJob(row: JobRow): Job {
  return deepFreeze({
    id: row.id,
    kind: row.kind,
    description: row.description,
    trigger: row.trigger,
    request: row.request,
    priority: row.priority,
    dedupeKey: row.dedupe_key,
    state: row.state,
    createdAt: iso(row.created_at),
    ...present({
      startedAt: row.started_at && iso(row.started_at),
      finishedAt: row.finished_at && iso(row.finished_at),
      error: row.error,
      cancelledBy: row.cancelled_by,
    }),
    restarts: row.restarts,
  });
}
