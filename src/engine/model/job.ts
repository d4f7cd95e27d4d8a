// A persisted unit of work (DESIGN §3): trigger × commit × selection × kind,
// `queued → running → done | failed | cancelled | interrupted`.
import type { Trigger } from './trigger.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface Job {
  id: string;
  /** Which kind of work (a key of the lab's job table): `run`, `compare`, `commit`, `bisect`, … */
  kind: string;
  /** What it does, for people: "run json/*", "compare main my-branch". */
  description: string;
  trigger: Trigger;
  /** Everything the handler needs, as JSON, so the job can run again after a restart. */
  request: Record<string, unknown>;
  /** Higher runs first; equal priorities run in submission order. */
  priority: number;
  /** Two queued or running jobs with the same key are one job. */
  dedupeKey: string;
  state: JobState;
  createdAt: string;
  /** Set when it started running. */
  startedAt?: string;
  /** Set when it reached a final state. */
  finishedAt?: string;
  /** Why it failed or was interrupted. */
  error?: string;
  cancelledBy?: string;
  /** How many times a restart found it running and put it back in the queue. */
  restarts: number;
}
