// The job queue: work asked for by a person, a schedule or a commit, run one
// job at a time (benchmarks never run beside other work, DESIGN §5), each
// cancellable. In memory for now; persistence comes with the triggers.
import { randomBytes } from 'node:crypto';
import type { Trigger } from '../model.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface Job {
  id: string;
  kind: 'run' | 'compare' | 'fuzz';
  /** What it does, for people: "run json/*", "compare main my-branch". */
  description: string;
  trigger: Trigger;
  state: JobState;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  cancelledBy?: string;
}

export type CancelOutcome = { ok: true; job: Job } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'finished'; job: Job };

type Work = (signal: AbortSignal) => Promise<void>;

const KEEP_FINISHED = 50;

export class JobQueue {
  readonly #jobs = new Map<string, { job: Job; work: Work; abort: AbortController }>();
  #tail: Promise<void> = Promise.resolve();

  submit(spec: Pick<Job, 'kind' | 'description' | 'trigger'>, work: Work): Job {
    const job: Job = { ...spec, id: `j-${randomBytes(3).toString('hex')}`, state: 'queued', createdAt: new Date().toISOString() };
    const entry = { job, work, abort: new AbortController() };
    this.#jobs.set(job.id, entry);
    this.#tail = this.#tail.then(() => this.#run(entry));
    this.#forgetOld();
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id)?.job;
  }

  /** Queued and running jobs first, then the most recent finished ones. */
  list(): Job[] {
    const jobs = [...this.#jobs.values()].map((e) => e.job);
    const active = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
    return [...active, ...jobs.filter((j) => !active.includes(j)).reverse()];
  }

  cancel(id: string, by: string): CancelOutcome {
    const entry = this.#jobs.get(id);
    if (!entry) return { ok: false, reason: 'not-found' };
    const { job } = entry;
    if (job.state !== 'queued' && job.state !== 'running') return { ok: false, reason: 'finished', job };
    job.cancelledBy = by;
    if (job.state === 'queued') {
      job.state = 'cancelled';
      job.finishedAt = new Date().toISOString();
    }
    entry.abort.abort(new Error(`cancelled by ${by}`));
    return { ok: true, job };
  }

  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void> {
    return this.#tail;
  }

  async #run(entry: { job: Job; work: Work; abort: AbortController }): Promise<void> {
    const { job } = entry;
    if (job.state !== 'queued') return; // cancelled while waiting
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    try {
      await entry.work(entry.abort.signal);
      job.state = entry.abort.signal.aborted ? 'cancelled' : 'done';
    } catch (error) {
      job.state = entry.abort.signal.aborted ? 'cancelled' : 'failed';
      job.error = error instanceof Error ? error.message : String(error);
    }
    job.finishedAt = new Date().toISOString();
  }

  #forgetOld(): void {
    const finished = [...this.#jobs.values()].filter((e) => e.job.finishedAt);
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#jobs.delete(e.job.id);
  }
}
