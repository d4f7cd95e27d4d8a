// The lab's queue when its jobs live in a database shared by many processes
// (PostgreSQL: `perflab serve`, `perflab agent` on each measuring machine, CLI
// commands). The backend (store/postgres/pg-job-queue.ts) hands each job to
// exactly one process with a lease; this class is the process's side:
//
//   take    'any'  claim whatever this machine may run (an agent; the bot by
//                  default), one measuring job at a time plus beside jobs
//           'own'  run only what this process submits (a CLI command): its
//                  jobs are born leased to it, so no agent takes them while
//                  it lives; if it dies they are queued again for anyone
//           'none' submit only (`perflab serve --no-agent`)
//   renew  while a job runs its lease is renewed every third of `leaseMs`;
//          a lost lease or a cancel asked from another process aborts it
//   mirror list/get answer at once from what the last poll saw plus this
//          process's own changes; writes go to the database in order
//
// Events of a job run in another process stay there: `onEndedElsewhere`
// tells the submitter that it ended, and how (its state and error).
import { setTimeout as sleep } from 'node:timers/promises';
import { logError } from '../log/logger.js';
import type { Job } from '../model.js';
import type { CancelOutcome, JobHandler, JobSpec, SubmitOutcome } from './job-queue.js';
import { defaultDedupeKey, newJob } from './job-queue.js';
import type { LabQueue } from './lab-queue.js';

/** How a new job is added: its id, and whether it is born leased to the submitter. */
export interface SubmitAs {
  id?: string;
  held?: boolean;
}

/** What the shared table offers (PgJobQueue). */
export interface SharedQueueBackend {
  readonly agent: string;
  submit(spec: JobSpec, as?: SubmitAs): Promise<SubmitOutcome>;
  claim(kinds: readonly string[]): Promise<Job | undefined>;
  renew(id: string): Promise<'held' | 'cancel' | 'lost'>;
  finish(id: string, state: 'done' | 'failed' | 'cancelled', error?: string): Promise<Job | undefined>;
  interrupt(id: string): Promise<Job | undefined>;
  cancel(id: string, by: string): Promise<CancelOutcome>;
  get(id: string): Promise<Job | undefined>;
  list(): Promise<Job[]>;
  reclaimExpired(): Promise<Job[]>;
  listen?(onSubmitted: () => void): Promise<() => Promise<void>>;
}

export type TakeJobs = 'any' | 'own' | 'none';

export interface SharedJobQueueOptions {
  backend: SharedQueueBackend;
  take: TakeJobs;
  /** The backend's lease, ms: renewed every third of it. */
  leaseMs: number;
  /** How often to look for work, expired leases and how others' jobs went, ms. Default 1000. */
  pollMs?: number;
  onError?: (context: string, error: unknown) => void;
}

const ACTIVE = new Set(['queued', 'running']);

interface Lane {
  beside: boolean;
  running: Promise<void> | null;
}

export class SharedJobQueue implements LabQueue {
  readonly #backend: SharedQueueBackend;
  readonly #take: TakeJobs;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #onError: (context: string, error: unknown) => void;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #beside = new Set<string>();
  /** What the last poll saw, with this process's changes on top. */
  #mirror = new Map<string, Job>();
  /** Jobs submitted here and not (yet) run here: id → the id the submitter knows it by. */
  readonly #submitted = new Map<string, string>();
  /** Own jobs ('own'), saved and waiting for their lane. */
  readonly #own: Job[] = [];
  readonly #aborts = new Map<string, AbortController>();
  readonly #lanes: Lane[] = [];
  readonly #endedListeners: Array<(job: Job) => void> = [];
  #writes: Promise<void> = Promise.resolve();
  #wake: (() => void) | null = null;
  #stopping = false;
  #loops: Promise<void>[] = [];
  #unlisten: (() => Promise<void>) | null = null;

  constructor(options: SharedJobQueueOptions) {
    this.#backend = options.backend;
    this.#take = options.take;
    this.#leaseMs = options.leaseMs;
    this.#pollMs = options.pollMs ?? 1000;
    this.#onError = options.onError ?? logError;
  }

  register(kind: string, handler: JobHandler, options: { beside?: boolean } = {}): void {
    this.#handlers.set(kind, handler);
    if (options.beside) this.#beside.add(kind);
  }

  /** Interrupts (and queues again) the jobs of agents that died, then starts polling and, unless `take` is 'none', running. */
  async start(): Promise<Job[]> {
    const interrupted = await this.#backend.reclaimExpired();
    await this.#refresh();
    this.#unlisten = (await this.#backend.listen?.(() => this.#nudge())) ?? null;
    this.#loops.push(this.#pollLoop());
    if (this.#take !== 'none') {
      for (const beside of [false, true]) {
        const lane: Lane = { beside, running: null };
        this.#lanes.push(lane);
        this.#loops.push(this.#laneLoop(lane));
      }
    }
    return interrupted;
  }

  onEndedElsewhere(listener: (job: Job) => void): void {
    this.#endedListeners.push(listener);
  }

  submit(spec: JobSpec): SubmitOutcome {
    const dedupeKey = spec.dedupeKey ?? defaultDedupeKey(spec);
    const existing = [...this.#mirror.values()].find((job) => job.dedupeKey === dedupeKey && ACTIVE.has(job.state));
    if (existing) return { job: existing, duplicate: true };
    if (!this.#handlers.has(spec.kind)) throw new Error(`no handler for jobs of kind "${spec.kind}"`);
    const job = newJob({ ...spec, dedupeKey });
    this.#mirror.set(job.id, job);
    const held = this.#take === 'own';
    if (!held) this.#submitted.set(job.id, job.id);
    this.#write(`submitting job ${job.id}`, async () => {
      const outcome = await this.#backend.submit({ ...spec, dedupeKey }, { id: job.id, held });
      if (outcome.duplicate) {
        // Another process asked for the same work first: follow that job instead.
        this.#mirror.delete(job.id);
        this.#submitted.delete(job.id);
        this.#submitted.set(outcome.job.id, job.id);
        return;
      }
      if (held) this.#own.push(job);
      this.#nudge();
    });
    return { job, duplicate: false };
  }

  get(id: string): Job | undefined {
    return this.#mirror.get(id);
  }

  list(): Job[] {
    const jobs = [...this.#mirror.values()];
    const queued = jobs.filter((job) => job.state === 'queued').sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt));
    return [...jobs.filter((job) => job.state === 'running'), ...queued, ...jobs.filter((job) => !ACTIVE.has(job.state)).reverse()];
  }

  cancel(id: string, by: string): CancelOutcome {
    const job = this.#mirror.get(id);
    if (!job) return { ok: false, reason: 'not-found' };
    if (!ACTIVE.has(job.state)) return { ok: false, reason: 'finished', job };
    const cancelled: Job = { ...job, cancelledBy: by, ...(job.state === 'queued' ? { state: 'cancelled', finishedAt: new Date().toISOString() } : {}) };
    this.#mirror.set(id, cancelled);
    const own = this.#own.findIndex((waiting) => waiting.id === id);
    if (own >= 0) this.#own.splice(own, 1);
    const abort = this.#aborts.get(id);
    if (abort) {
      // Running here: stop it now; the lane records how it ended.
      const running = this.#runningJobs.get(id);
      if (running) running.cancelledBy = by;
      abort.abort(new Error(`cancelled by ${by}`));
    } else {
      // Queued, or running elsewhere: its agent hears of it at its next renewal.
      this.#write(`cancelling job ${id}`, async () => {
        await this.#backend.cancel(id, by);
        if (own >= 0) await this.#backend.finish(id, 'cancelled');
      });
    }
    return { ok: true, job: cancelled };
  }

  async idle(): Promise<void> {
    for (;;) {
      await this.#writes;
      const busy = this.#lanes.some((lane) => lane.running !== null) || this.#own.length > 0;
      if (!busy && ![...this.#submitted.keys()].some((id) => ACTIVE.has(this.#mirror.get(id)?.state ?? 'queued'))) return;
      await sleep(Math.min(this.#pollMs, 100));
      if (this.#submitted.size > 0) await this.#refresh();
    }
  }

  flush(): Promise<void> {
    return this.#writes;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const abort of this.#aborts.values()) abort.abort(new Error('perflab is stopping'));
    this.#nudge();
    await Promise.all(this.#loops);
    await this.#writes;
    // Own jobs not started yet are held by this process: give them to anyone.
    for (const job of this.#own.splice(0)) await this.#backend.interrupt(job.id).catch((error: unknown) => this.#onError(`releasing job ${job.id}`, error));
    await this.#unlisten?.().catch(() => {});
  }

  readonly #runningJobs = new Map<string, Job>();

  async #laneLoop(lane: Lane): Promise<void> {
    const kinds = [...this.#handlers.keys()].filter((kind) => this.#beside.has(kind) === lane.beside);
    while (!this.#stopping) {
      let job: Job | undefined;
      try {
        job = this.#takeOwn(lane) ?? (this.#take === 'any' && kinds.length > 0 ? await this.#backend.claim(kinds) : undefined);
      } catch (error) {
        this.#onError('taking a job from the shared queue', error);
      }
      if (!job) {
        await this.#sleep();
        continue;
      }
      const running = this.#run(structuredClone(job) as Job);
      lane.running = running;
      await running;
      lane.running = null;
    }
  }

  #takeOwn(lane: Lane): Job | undefined {
    const index = this.#own.findIndex((job) => this.#beside.has(job.kind) === lane.beside);
    return index < 0 ? undefined : this.#own.splice(index, 1)[0];
  }

  async #run(job: Job): Promise<void> {
    const abort = new AbortController();
    job.state = 'running';
    job.startedAt ??= new Date().toISOString();
    this.#aborts.set(job.id, abort);
    this.#runningJobs.set(job.id, job);
    this.#mirror.set(job.id, job);
    const origin = this.#submitted.get(job.id);
    this.#submitted.delete(job.id);
    let lost = false;
    const renewal = setInterval(() => {
      void this.#backend.renew(job.id).then(
        async (answer) => {
          if (answer === 'lost') {
            lost = true;
            abort.abort(new Error('the lease on this job was lost'));
          } else if (answer === 'cancel' && !abort.signal.aborted) {
            job.cancelledBy = (await this.#backend.get(job.id))?.cancelledBy ?? 'another process';
            abort.abort(new Error(`cancelled by ${job.cancelledBy}`));
          }
        },
        (error: unknown) => this.#onError(`renewing the lease on job ${job.id}`, error),
      );
    }, Math.max(1, Math.floor(this.#leaseMs / 3)));
    let error: string | undefined;
    try {
      const handler = this.#handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      await handler(origin && origin !== job.id ? { ...job, id: origin } : job, abort.signal);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    } finally {
      clearInterval(renewal);
      this.#aborts.delete(job.id);
      this.#runningJobs.delete(job.id);
    }
    const cut = abort.signal.aborted && job.cancelledBy === undefined;
    const state = abort.signal.aborted ? 'cancelled' : error === undefined ? 'done' : 'failed';
    try {
      // Lost: another process interrupted it and queued it again; nothing of it is ours to record.
      if (lost) return;
      const ended = cut && this.#stopping ? await this.#backend.interrupt(job.id) : await this.#backend.finish(job.id, state, error);
      if (ended) this.#mirror.set(job.id, ended);
    } catch (thrown) {
      this.#onError(`recording the end of job ${job.id}`, thrown);
    }
  }

  async #pollLoop(): Promise<void> {
    while (!this.#stopping) {
      await sleep(this.#pollMs);
      if (this.#stopping) break;
      try {
        // Agents that died: their jobs come back (any process may do it; SKIP LOCKED keeps it once).
        if ((await this.#backend.reclaimExpired()).length > 0) this.#nudge();
        await this.#refresh();
      } catch (error) {
        this.#onError('polling the shared queue', error);
      }
      this.#nudge();
    }
  }

  /** Takes the table's view, keeping this process's running jobs and its writes not yet saved, and tells about submitted jobs that ended. */
  async #refresh(): Promise<void> {
    const seen = await this.#backend.list();
    const mirror = new Map(seen.map((job) => [job.id, job]));
    for (const [id, job] of this.#mirror) if (this.#runningJobs.has(id) || (!mirror.has(id) && ACTIVE.has(job.state))) mirror.set(id, this.#runningJobs.get(id) ?? job);
    this.#mirror = mirror;
    for (const [id, origin] of this.#submitted) {
      const job = mirror.get(id) ?? (await this.#backend.get(id));
      if (!job || ACTIVE.has(job.state)) continue;
      this.#submitted.delete(id);
      const told = origin === id ? job : { ...job, id: origin };
      for (const listener of this.#endedListeners) listener(told);
    }
  }

  #write(context: string, fn: () => Promise<void>): void {
    this.#writes = this.#writes.then(fn).catch((error: unknown) => this.#onError(context, error));
  }

  #nudge(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Until the next poll, a submission or a stop. */
  async #sleep(): Promise<void> {
    if (this.#stopping) return;
    await new Promise<void>((resolve) => {
      const previous = this.#wake;
      const timer = setTimeout(() => done(), this.#pollMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.#wake = () => {
        previous?.();
        done();
      };
    });
  }
}
