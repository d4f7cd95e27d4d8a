// What the lab needs from a job queue: the seam between the lab and where its
// jobs wait. `JobQueue` keeps them in this process (the lowdb store, one
// machine); `SharedJobQueue` keeps them in PostgreSQL, where `perflab agent`
// processes on many machines take them. Both run the handlers the lab
// registers, and both answer the edges' questions at once, from memory.
import type { Job } from '../model.js';
import type { CancelOutcome, JobHandler, JobSpec, SubmitOutcome } from './job-queue.js';

export interface LabQueue {
  /** How jobs of `kind` run. Every kind is registered before `start`. */
  register(kind: string, handler: JobHandler, options?: { beside?: boolean }): void;
  /** Starts running; `saved` is what a queue kept in this process's store finds there. Returns the jobs found cut off (now interrupted, queued again once). */
  start(saved?: readonly Job[]): Job[] | Promise<Job[]>;
  /** Queues work, or joins the same work already queued or running. */
  submit(spec: JobSpec): SubmitOutcome;
  get(id: string): Job | undefined;
  /** Running first, then queued in the order they will run, then recent finished ones. */
  list(): Job[];
  cancel(id: string, by: string): CancelOutcome;
  /** Resolves when nothing this process asked for or took is queued or running. */
  idle(): Promise<void>;
  /** Resolves when every change so far is saved. */
  flush(): Promise<void>;
  /** Stops taking jobs; the running ones end interrupted and are queued again. */
  stop(): Promise<void>;
  /**
   * Tells `listener` about jobs submitted here that ended in another process
   * (an agent ran them): their events stayed there. Shared queues only.
   */
  onEndedElsewhere?(listener: (job: Job) => void): void;
}
