// The job queue: work asked for by a person, a schedule, a commit or CI, run
// one job at a time (benchmarks never run beside other work, DESIGN §5), the
// highest priority first. Kinds registered as `beside` measure nothing (they
// store what a CI machine measured) and run at once, beside the measuring job. Every job is a record that can run again in a new
// process — a kind, a JSON request and a trigger — and every state change is
// saved, so a restart (even after SIGKILL) resumes what was queued and marks
// what was running `interrupted`, putting it back in the queue once.
import { logError } from '../log/logger.js';
import { randomBytes } from 'node:crypto';
import type { Job, JobState, Trigger } from '../model.js';
import type { LabQueue } from './lab-queue.js';

export type { Job, JobState };

/** What to run. `dedupeKey` defaults to kind × request: asking twice for the same work while it waits gives the same job. */
export interface JobSpec {
  kind: string;
  description: string;
  trigger: Trigger;
  request: Record<string, unknown>;
  priority?: number;
  dedupeKey?: string;
  /** Only an agent of this machine may run it (a shared queue; a queue of one process runs everything on its own machine). */
  machine?: string;
}

/** Runs one job; resolves when done, rejects when failed. Stops early when `signal` aborts. */
export type JobHandler = (job: Job, signal: AbortSignal) => Promise<void>;

export type CancelOutcome = { ok: true; job: Job } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'finished'; job: Job };

export type SubmitOutcome = { job: Job; duplicate: boolean };

/** People waiting in a channel come before commits, and commits before nightly schedules. */
export const PRIORITY = { person: 20, ci: 15, commit: 10, schedule: 0 } as const;

export function priorityOf(trigger: Trigger): number {
  switch (trigger.kind) {
    case 'command':
    case 'button':
    case 'cli':
      return PRIORITY.person;
    case 'ci':
      return PRIORITY.ci;
    case 'commit':
      return PRIORITY.commit;
    case 'schedule':
      return PRIORITY.schedule;
  }
}

export interface JobQueueOptions {
  /** Saves a job's current record; called on every state change, in order. */
  save?: (job: Job) => Promise<void>;
  onError?: (context: string, error: unknown) => void;
  /** A job found running after a restart is re-queued this many times at most. Default 1. */
  maxRestarts?: number;
}

const ACTIVE: readonly JobState[] = ['queued', 'running'];
const KEEP_FINISHED = 50;

export class JobQueue implements LabQueue {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #beside = new Set<string>();
  readonly #runningBeside = new Set<Promise<void>>();
  readonly #jobs = new Map<string, Job>();
  readonly #aborts = new Map<string, AbortController>();
  readonly #save: (job: Job) => Promise<void>;
  readonly #onError: (context: string, error: unknown) => void;
  readonly #maxRestarts: number;
  #running: Promise<void> | null = null;
  #paused = true;
  #stopping = false;
  #saving: Promise<void> = Promise.resolve();
  #idle: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(options: JobQueueOptions = {}) {
    this.#save = options.save ?? (() => Promise.resolve());
    this.#onError = options.onError ?? logError;
    this.#maxRestarts = options.maxRestarts ?? 1;
  }

  /** Says how jobs of `kind` run. Register every kind before `start`. `beside`: the kind measures nothing and need not wait its turn. */
  register(kind: string, handler: JobHandler, options: { beside?: boolean } = {}): void {
    this.#handlers.set(kind, handler);
    if (options.beside) this.#beside.add(kind);
  }

  /**
   * Takes back the jobs a previous process saved and starts running. Queued
   * jobs stay queued; running ones were cut off: they become `interrupted`
   * and, unless they were already restarted `maxRestarts` times, a copy is
   * queued. Returns the jobs that were interrupted.
   */
  start(saved: readonly Job[] = []): Job[] {
    const interrupted: Job[] = [];
    for (const record of saved) {
      const job: Job = structuredClone(record);
      this.#jobs.set(job.id, job);
      if (job.state !== 'running') continue;
      interrupted.push(job);
      this.#interrupt(job);
    }
    this.#paused = false;
    this.#pump();
    return interrupted;
  }

  submit(spec: JobSpec): SubmitOutcome {
    const dedupeKey = spec.dedupeKey ?? defaultDedupeKey(spec);
    const existing = [...this.#jobs.values()].find((j) => j.dedupeKey === dedupeKey && ACTIVE.includes(j.state));
    if (existing) return { job: existing, duplicate: true };
    if (!this.#handlers.has(spec.kind)) throw new Error(`no handler for jobs of kind "${spec.kind}"`);
    const job = this.#create({ ...spec, dedupeKey }, 0);
    // Not at once: the caller gets the job (and can attach to it) before it starts.
    queueMicrotask(() => this.#pump());
    return { job, duplicate: false };
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Running first, then queued in the order they will run, then the most recent finished ones. */
  list(): Job[] {
    const jobs = [...this.#jobs.values()];
    const running = jobs.filter((j) => j.state === 'running');
    const queued = this.#queued();
    const finished = jobs.filter((j) => !ACTIVE.includes(j.state)).reverse();
    return [...running, ...queued, ...finished];
  }

  cancel(id: string, by: string): CancelOutcome {
    const job = this.#jobs.get(id);
    if (!job) return { ok: false, reason: 'not-found' };
    if (!ACTIVE.includes(job.state)) return { ok: false, reason: 'finished', job };
    job.cancelledBy = by;
    if (job.state === 'queued') {
      this.#finish(job, 'cancelled');
      this.#pump();
    }
    else this.#aborts.get(id)?.abort(new Error(`cancelled by ${by}`));
    return { ok: true, job };
  }

  /** Resolves when nothing is queued or running and every state change is saved. */
  async idle(): Promise<void> {
    while (this.#running || this.#runningBeside.size > 0 || (!this.#paused && this.#queued().length > 0)) {
      this.#idle ??= withResolvers();
      await this.#idle.promise;
    }
    await this.#saving;
  }

  /** Resolves when every state change so far is saved. */
  flush(): Promise<void> {
    return this.#saving;
  }

  /**
   * Stops taking new jobs (queued ones stay queued, and saved) and stops the
   * running one, which ends `interrupted` and is queued again, as after a
   * kill: a shutdown must not lose the commit a job was measuring.
   */
  async stop(): Promise<void> {
    this.#paused = true;
    this.#stopping = true;
    for (const job of this.#jobs.values()) if (job.state === 'running') this.#aborts.get(job.id)?.abort(new Error('perflab is stopping'));
    await Promise.all([this.#running, ...this.#runningBeside]);
    await this.#saving;
  }

  /** `createdAt` is kept for a job queued again, so it keeps its place in line. */
  #create(spec: JobSpec & { dedupeKey: string }, restarts: number, createdAt = new Date().toISOString()): Job {
    const job = newJob(spec, restarts, createdAt);
    this.#jobs.set(job.id, job);
    this.#persist(job);
    this.#forgetOld();
    return job;
  }

  #queued(): Job[] {
    // The highest priority first; then the oldest request (a job queued again after a stop keeps its place).
    return [...this.#jobs.values()].filter((j) => j.state === 'queued').sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || b.restarts - a.restarts);
  }

  #pump(): void {
    if (this.#paused) return;
    for (const job of this.#queued().filter((j) => this.#beside.has(j.kind))) {
      const running = this.#run(job).finally(() => {
        this.#runningBeside.delete(running);
        this.#pump();
      });
      this.#runningBeside.add(running);
    }
    if (this.#running) return;
    const next = this.#queued().find((j) => !this.#beside.has(j.kind));
    if (!next) {
      if (this.#runningBeside.size > 0) return;
      this.#idle?.resolve();
      this.#idle = null;
      return;
    }
    this.#running = this.#run(next).finally(() => {
      this.#running = null;
      this.#pump();
    });
  }

  async #run(job: Job): Promise<void> {
    const abort = new AbortController();
    this.#aborts.set(job.id, abort);
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    this.#persist(job);
    try {
      const handler = this.#handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      await handler(job, abort.signal);
      if (this.#stopping && job.cancelledBy === undefined && abort.signal.aborted) this.#interrupt(job);
      else this.#finish(job, abort.signal.aborted ? 'cancelled' : 'done');
    } catch (error) {
      if (this.#stopping && job.cancelledBy === undefined && abort.signal.aborted) this.#interrupt(job);
      else this.#finish(job, abort.signal.aborted ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
    } finally {
      this.#aborts.delete(job.id);
    }
  }

  /** Cut off by a stop or a kill: `interrupted`, and queued again unless it already was `maxRestarts` times. */
  #interrupt(job: Job): void {
    this.#finish(job, 'interrupted', 'perflab stopped while this job ran');
    if (job.restarts >= this.#maxRestarts) return;
    const again = this.#create({ ...job }, job.restarts + 1, job.createdAt);
    job.error = `perflab stopped while this job ran; queued again as ${again.id}`;
    this.#persist(job);
  }

  #finish(job: Job, state: JobState, error?: string): void {
    job.state = state;
    job.finishedAt = new Date().toISOString();
    if (error !== undefined) job.error = error;
    this.#persist(job);
  }

  #persist(job: Job): void {
    const record = structuredClone(job);
    this.#saving = this.#saving.then(() => this.#save(record)).catch((error: unknown) => this.#onError(`saving job ${job.id}`, error));
  }

  #forgetOld(): void {
    const finished = [...this.#jobs.values()].filter((j) => !ACTIVE.includes(j.state));
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#jobs.delete(job.id);
  }
}

/** A new queued job record; `createdAt` is kept for a job queued again, so it keeps its place in line. */
export function newJob(spec: JobSpec & { dedupeKey: string }, restarts = 0, createdAt = new Date().toISOString()): Job {
  return {
    id: `j-${randomBytes(4).toString('hex')}`,
    kind: spec.kind,
    description: spec.description,
    trigger: spec.trigger,
    request: spec.request,
    priority: spec.priority ?? priorityOf(spec.trigger),
    dedupeKey: spec.dedupeKey,
    state: 'queued',
    createdAt,
    restarts,
  };
}

/** Kind × request with sorted keys: what makes two submissions the same work unless the kind says otherwise. */
export function defaultDedupeKey(spec: Pick<JobSpec, 'kind' | 'request'>): string {
  return `${spec.kind}:${stableJson(spec.request)}`;
}

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are the same request. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function withResolvers(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
