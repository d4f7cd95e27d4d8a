// The lab: everything a person can ask for, the same from Slack, the CLI and
// (later) CI — run suites, compare refs, cancel, look at history and
// baselines, and act on alerts. Work goes through the job queue; alerts go
// out through the outbox. Edges (bot, CLI) parse and authorize; the lab acts.
import { join, relative } from 'node:path';
import { z } from 'zod';
import { Outbox } from '../engine/alert/outbox.js';
import type { Notifier } from '../engine/alert/notifier.js';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { describeCheckout, resolveCommit } from '../engine/git/git.js';
import { withWorktree } from '../engine/git/worktree.js';
import type { Alert, AuditEvent, Baseline, Mode, Trigger } from '../engine/model.js';
import { ExclusivePool } from '../engine/pool/exclusive-pool.js';
import { JobQueue, type CancelOutcome, type Job, type JobSpec } from '../engine/queue/job-queue.js';
import { caseFilter, type CaseFilter } from '../engine/suite/case-filter.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { HistoryEntry, Store, Transition } from '../engine/store/store.js';
import { compareRefs, type CompareRefsReport } from '../modes/bench/compare-refs.js';
import { runBench, WORKER_FILE, type BenchProgress, type BenchReport } from '../modes/bench/run-bench.js';
import type { BisectOutcome } from '../engine/compare/bisect.js';
import { runBisectJob } from './jobs/bisect.js';
import { runCommitJob } from './jobs/commit.js';
import type { LabContext } from './lab-context.js';
import { runStress, type StressProgress, type StressReport } from '../modes/stress/run-stress.js';
import { runFuzz, type FuzzProgress, type FuzzReport } from '../modes/fuzz/run-fuzz.js';

export interface LabOptions {
  store: Store;
  machine: string;
  /** Absolute path of the suites directory. */
  suitesDir: string;
  notifier?: Notifier;
  /** Run-wide measurement overrides (e.g. shorter budgets for a demo). */
  overrides?: BenchOptions;
  pool?: ExclusivePool;
  /** Run the canary with every benchmark run (default true; tests of other things turn it off). */
  canary?: boolean;
  onError?: (context: string, error: unknown) => void;
}

// Requests are stored with their jobs and read back after a restart: checked, not trusted.
const runRequestSchema = z.object({ pattern: z.string().optional(), caseIds: z.array(z.string()).readonly().optional(), ref: z.string().optional() }).strict();
const compareRequestSchema = z.object({ refA: z.string(), refB: z.string(), pattern: z.string().optional() }).strict();

const stressRequestSchema = z.object({ pattern: z.string().optional(), caseIds: z.array(z.string()).readonly().optional(), durationMs: z.number().positive().optional() }).strict();

export type RunRequest = z.infer<typeof runRequestSchema>;
export type StressRequest = z.infer<typeof stressRequestSchema>;
const fuzzRequestSchema = z
  .object({ pattern: z.string().optional(), caseIds: z.array(z.string()).readonly().optional(), budgetMs: z.number().positive().optional(), workers: z.number().int().positive().optional() })
  .strict();
export type FuzzRequest = z.infer<typeof fuzzRequestSchema>;
export type CompareRequest = z.infer<typeof compareRequestSchema>;

/** Finished jobs kept in the store for `/perflab status` and after a restart. */
const KEEP_FINISHED_JOBS = 200;

export type JobEvent =
  | { type: 'started'; job: Job }
  | { type: 'progress'; job: Job; progress: BenchProgress }
  | { type: 'run-finished'; job: Job; report: BenchReport }
  | { type: 'compare-finished'; job: Job; report: CompareRefsReport }
  | { type: 'stress-progress'; job: Job; progress: StressProgress }
  | { type: 'stress-finished'; job: Job; report: StressReport }
  | { type: 'fuzz-progress'; job: Job; progress: FuzzProgress }
  | { type: 'fuzz-finished'; job: Job; report: FuzzReport }
  /** Stopped by `cancel`; what a run measured before is recorded (and in `report`). */
  | { type: 'cancelled'; job: Job; by?: string; report?: BenchReport }
  | { type: 'failed'; job: Job; error: string }
  /** A watched commit that did not build: recorded with a `build-failed` alert; the job itself is done. */
  | { type: 'build-failed'; job: Job; commit: string; message: string; output: string }
  | { type: 'bisect-finished'; job: Job; outcome: BisectOutcome };

export type JobListener = (event: JobEvent) => void;

/** What an action on an alert did: the alert as it is now, or why nothing changed. */
export type AlertActionOutcome = Transition | { ok: false; reason: 'not-applicable'; alert: Alert; message: string };

export class Lab {
  readonly jobs: JobQueue;
  readonly store: Store;
  readonly machine: string;
  readonly suitesDir: string;
  readonly outbox: Outbox | null;
  readonly #pool: ExclusivePool;
  readonly #overrides: BenchOptions;
  readonly #canary: boolean;
  readonly #onError: (context: string, error: unknown) => void;
  readonly #listeners = new Map<string, Set<JobListener>>();

  constructor(options: LabOptions) {
    this.store = options.store;
    this.machine = options.machine;
    this.suitesDir = options.suitesDir;
    this.#pool = options.pool ?? new ExclusivePool({ filename: WORKER_FILE });
    this.#overrides = options.overrides ?? {};
    this.#canary = options.canary ?? true;
    this.#onError = options.onError ?? (() => undefined);
    this.outbox = options.notifier ? new Outbox(this.store, options.notifier, { onError: (alert, error) => this.#onError(`posting alert ${alert.id}`, error) }) : null;
    this.jobs = new JobQueue({ save: (job) => this.store.putJob(job, KEEP_FINISHED_JOBS), onError: this.#onError });
    this.#handle('run', (job, signal) => this.#runJob(job, signal));
    this.#handle('compare', (job, signal) => this.#compareJob(job, signal));
    this.#handle('stress', (job, signal) => this.#stressJob(job, signal));
    this.#handle('fuzz', (job, signal) => this.#fuzzJob(job, signal));
    const context = this.#context();
    this.#handle('commit', (job, signal) => runCommitJob(context, job, signal));
    this.#handle('bisect', (job, signal) => runBisectJob(context, job, signal));
  }

  /** Runs a selection of cases in one mode, as a schedule asks for it. */
  runSelection(mode: Mode, pattern: string, trigger: Trigger, listener?: JobListener): Job {
    switch (mode) {
      case 'bench':
        return this.runSuites({ pattern }, trigger, listener);
      case 'stress':
        return this.runStress({ pattern }, trigger, listener);
      case 'fuzz':
        return this.runFuzz({ pattern }, trigger, listener);
    }
  }

  /** Queues any kind of job (the watcher queues commits, the scheduler its runs). */
  submit(spec: JobSpec, listener?: JobListener): Job {
    return this.#submit(spec, listener);
  }

  #context(): LabContext {
    return {
      store: this.store,
      machine: this.machine,
      pool: this.#pool,
      overrides: this.#overrides,
      canary: this.#canary,
      outbox: this.outbox,
      submit: (spec) => this.#submit(spec),
      emit: (job, event) => this.#emit(job, event),
      audit: (trigger, action, args) => this.#audit(trigger, action, args),
      onError: this.#onError,
    };
  }

  /**
   * Resumes the queue the store holds (jobs queued before a restart run now;
   * jobs cut off while running are marked interrupted and queued once more)
   * and starts taking work. Call once, after construction.
   */
  async start(): Promise<Job[]> {
    const interrupted = this.jobs.start((await this.store.listJobs()));
    for (const job of interrupted) void this.#audit({ kind: 'command', by: 'perflab' }, 'job.interrupted', { jobId: job.id, description: job.description });
    return interrupted;
  }

  /** Run the suites (optionally only cases matching `pattern`) as they are now, or at `ref`. */
  runSuites(request: RunRequest, trigger: Trigger, listener?: JobListener): Job {
    const { selection } = selectCases(request);
    const description = `run ${selection}${request.ref ? ` @${request.ref}` : ''}`;
    return this.#submit({ kind: 'run', description, trigger, request: { ...request } }, listener);
  }

  /** Stress the scenarios matching `pattern` (or `caseIds`), optionally all for `durationMs` each. A job like any other: never beside benchmarks. */
  runStress(request: StressRequest, trigger: Trigger, listener?: JobListener): Job {
    const { selection } = selectCases(request);
    return this.#submit({ kind: 'stress', description: `stress ${selection}`, trigger, request: { ...request } }, listener);
  }

  async #stressJob(job: Job, signal: AbortSignal): Promise<void> {
    const request = stressRequestSchema.parse(job.request);
    const { trigger } = job;
    const { selection, filter } = selectCases(request);
    const report = await runStress({
      ...(await this.#runOptions(job, this.suitesDir, filter, signal)),
      ...(request.durationMs ? { durationMs: request.durationMs } : {}),
      onProgress: (progress) => this.#emit(job, { type: 'stress-progress', job, progress }),
    });
    await this.#audit(trigger, 'stress', { selection, durationMs: request.durationMs ?? null, runId: report.run.id });
    this.#finished(job, signal, report.alerts, { type: 'stress-finished', job, report });
  }

  /** Fuzz the properties matching `pattern` (or `caseIds`) for `budgetMs` across `workers` workers; known findings are replayed first. */
  runFuzz(request: FuzzRequest, trigger: Trigger, listener?: JobListener): Job {
    const { selection } = selectCases(request);
    return this.#submit({ kind: 'fuzz', description: `fuzz ${selection}`, trigger, request: { ...request } }, listener);
  }

  async #fuzzJob(job: Job, signal: AbortSignal): Promise<void> {
    const request = fuzzRequestSchema.parse(job.request);
    const { trigger } = job;
    const { selection, filter } = selectCases(request);
    const report = await runFuzz({
      ...(await this.#runOptions(job, this.suitesDir, filter, signal)),
      ...(request.budgetMs !== undefined ? { budgetMs: request.budgetMs } : {}),
      ...(request.workers !== undefined ? { workers: request.workers } : {}),
      onProgress: (progress) => this.#emit(job, { type: 'fuzz-progress', job, progress }),
    });
    await this.#audit(trigger, 'fuzz', { selection, budgetMs: request.budgetMs ?? null, runId: report.run.id });
    this.#finished(job, signal, report.alert ? [report.alert] : [], { type: 'fuzz-finished', job, report });
  }

  /** Measure two refs interleaved: "does my branch make it slower?". */
  compare(request: CompareRequest, trigger: Trigger, listener?: JobListener): Job {
    const description = `compare ${request.refA} ${request.refB}${request.pattern ? ` ${request.pattern}` : ''}`;
    return this.#submit({ kind: 'compare', description, trigger, request: { ...request } }, listener);
  }

  async #runJob(job: Job, signal: AbortSignal): Promise<void> {
    const request = runRequestSchema.parse(job.request);
    const { trigger } = job;
    const { selection, filter } = selectCases(request);
    const report = await this.#atRef(request.ref, async (suitesDir) =>
      runBench({
        ...(await this.#runOptions(job, suitesDir, filter, signal)),
        overrides: this.#overrides,
        canary: this.#canary,
        pool: this.#pool,
        onProgress: (progress) => this.#emit(job, { type: 'progress', job, progress }),
      }),
    );
    await this.#audit(trigger, 'run', { selection, ref: request.ref ?? null, runId: report.run.id });
    this.#finished(job, signal, report.alerts, { type: 'run-finished', job, report }, report);
  }

  /** What every mode's run is given: the suites, which cases, the store, this machine, why, and the checkout to record. */
  async #runOptions(job: Job, suitesDir: string, filter: CaseFilter, signal: AbortSignal) {
    return { suitesDir, filter, store: this.store, machine: this.machine, trigger: job.trigger, checkout: await describeCheckout(suitesDir), signal };
  }

  /** Posts the run's alerts (cancelled or not, what was found is recorded and told) and tells listeners how the job ended. */
  #finished(job: Job, signal: AbortSignal, alerts: readonly Alert[], finished: JobEvent, report?: BenchReport): void {
    for (const alert of alerts) void this.outbox?.deliver(alert.id);
    this.#emit(job, signal.aborted ? cancelledEvent(job, report) : finished);
  }

  async #compareJob(job: Job, signal: AbortSignal): Promise<void> {
    const request = compareRequestSchema.parse(job.request);
    const checkout = await this.#checkout();
    const report = await compareRefs({
      repo: checkout.root,
      refA: request.refA,
      refB: request.refB,
      suites: relative(checkout.root, this.suitesDir),
      filter: caseFilter(request.pattern),
      pool: this.#pool,
      overrides: this.#overrides,
      signal,
    });
    await this.#audit(job.trigger, 'compare', { ...request, commitA: report.commitA, commitB: report.commitB });
    this.#emit(job, signal.aborted ? cancelledEvent(job) : { type: 'compare-finished', job, report });
  }

  /** Queues the work (or joins the same work already queued) and tells `listener` how it goes. */
  #submit(spec: JobSpec, listener?: JobListener): Job {
    const { job } = this.jobs.submit(spec);
    if (listener) {
      const listeners = this.#listeners.get(job.id) ?? new Set();
      listeners.add(listener);
      this.#listeners.set(job.id, listeners);
    }
    return job;
  }

  /** Registers a job kind: `run` wraps it with the started/failed/cancelled events every listener expects. */
  #handle(kind: string, run: (job: Job, signal: AbortSignal) => Promise<void>): void {
    this.jobs.register(kind, async (job, signal) => {
      this.#emit(job, { type: 'started', job });
      try {
        await run(job, signal);
      } catch (error) {
        this.#emit(job, signal.aborted ? cancelledEvent(job) : { type: 'failed', job, error: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        // Listeners of a finished job are done; let them go.
        queueMicrotask(() => this.#listeners.delete(job.id));
      }
    });
  }

  #emit(job: Job, event: JobEvent): void {
    for (const listener of this.#listeners.get(job.id) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(`a listener of job ${job.id}`, error);
      }
    }
  }

  cancel(jobId: string, actor: string): CancelOutcome {
    const outcome = this.jobs.cancel(jobId, actor);
    if (outcome.ok) void this.#audit({ kind: 'command', by: actor }, 'job.cancel', { jobId });
    return outcome;
  }

  history(caseId: string, limit = 20): Promise<HistoryEntry[]> {
    return this.store.history(caseId, { machine: this.machine, limit });
  }

  async baseline(caseId: string): Promise<{ current: Baseline | undefined; previous: Baseline[] }> {
    const all = (await this.store.baselineHistory(caseId, this.machine));
    return { current: (await this.store.getBaseline(caseId, this.machine)), previous: all.slice(0, -1).reverse() };
  }

  /** Case ids known on this machine (they have a baseline). */
  async knownCases(): Promise<string[]> {
    return (await this.store.listBaselines(this.machine)).map((b) => b.caseId);
  }

  /**
   * Accept as new baseline: atomic — only an open or investigating alert
   * moves, so a second click finds it accepted and changes nothing. The
   * alert's run results become the baselines of its cases.
   */
  async acceptAlert(alertId: string, actor: string, reason = 'accepted from an alert'): Promise<AlertActionOutcome> {
    const alert = (await this.store.getAlert(alertId));
    if (alert && (alert.kind === 'suite-error')) return { ok: false, reason: 'not-applicable', alert, message: 'a suite error has no numbers to accept; fix the suite or dismiss the alert' };
    const moved = await this.store.transitionAlert(alertId, ['open', 'investigating'], 'accepted', actor);
    if (!moved.ok) return moved;
    const results = await this.store.runResults(moved.alert.runId);
    for (const caseId of moved.alert.caseIds) {
      const recorded = results.find((r) => r.result.caseId === caseId);
      if (!recorded || recorded.result.state !== 'ok') continue;
      await this.store.acceptBaseline({
        caseId,
        machine: recorded.machine,
        runId: recorded.runId,
        commit: recorded.commit,
        median: recorded.result.summary.median,
        unit: recorded.result.summary.unit,
        acceptedBy: actor,
        acceptedAt: new Date().toISOString(),
        reason,
      });
    }
    await this.#settled(moved.alert, 'alert.accept', actor, {});
    return moved;
  }

  /** A finding alert's "Mark as known": the alert closes and its findings become `known` (they alert again only if they come back after a fix). */
  async markAlertKnown(alertId: string, actor: string): Promise<AlertActionOutcome> {
    const alert = (await this.store.getAlert(alertId));
    if (alert && alert.kind !== 'finding') return { ok: false, reason: 'not-applicable', alert, message: 'only findings can be marked as known' };
    const moved = await this.store.transitionAlert(alertId, ['open', 'investigating'], 'accepted', actor);
    if (!moved.ok) return moved;
    for (const id of moved.alert.findingIds ?? []) await this.store.transitionFinding(id, ['new', 'regressed'], 'known', actor);
    await this.#settled(moved.alert, 'alert.known', actor, { findingIds: moved.alert.findingIds ?? [] });
    return moved;
  }

  async dismissAlert(alertId: string, actor: string): Promise<AlertActionOutcome> {
    const moved = await this.store.transitionAlert(alertId, ['open', 'investigating'], 'dismissed', actor);
    if (moved.ok) await this.#settled(moved.alert, 'alert.dismiss', actor, {});
    return moved;
  }

  async investigateAlert(alertId: string, actor: string, note: string, assignee?: string): Promise<AlertActionOutcome> {
    const investigation = { note, ...(assignee ? { assignee } : {}) };
    const moved = await this.store.transitionAlert(alertId, ['open', 'investigating'], 'investigating', actor, { investigation });
    if (moved.ok) await this.#settled(moved.alert, 'alert.investigate', actor, investigation);
    return moved;
  }

  /** Re-run the alert's cases (a suite error re-runs everything). */
  async rerunAlert(alertId: string, actor: string, listener?: JobListener): Promise<Job | undefined> {
    const alert = (await this.store.getAlert(alertId));
    if (!alert) return undefined;
    const everything = alert.kind === 'suite-error' || alert.kind === 'environment-suspect';
    const trigger: Trigger = { kind: 'button', by: actor };
    void this.#audit(trigger, 'alert.rerun', { alertId });
    // A stress failure is re-run as a stress run of its scenarios.
    if ((await this.store.getRun(alert.runId))?.mode === 'stress') return this.runStress(everything ? {} : { caseIds: alert.caseIds }, trigger, listener);
    return this.runSuites(everything ? {} : { caseIds: alert.caseIds }, trigger, listener);
  }

  /** Stops retry timers and waits for running jobs to notice cancellation. */
  async close(): Promise<void> {
    this.outbox?.close();
    // Queued jobs stay queued in the store: the next start runs them.
    await this.jobs.stop();
  }

  async #settled(alert: Alert, action: string, actor: string, args: Record<string, unknown>): Promise<void> {
    await this.#audit({ kind: 'button', by: actor }, action, { alertId: alert.id, ...args });
    await this.outbox?.update(alert).catch((error: unknown) => this.#onError(`updating alert ${alert.id}`, error));
  }

  async #audit(trigger: Trigger, action: string, args: Record<string, unknown>): Promise<void> {
    const event: AuditEvent = { at: new Date().toISOString(), actor: trigger.by, action, args: { ...args, via: trigger.kind } };
    await this.store.audit(event);
  }

  async #checkout() {
    const checkout = await describeCheckout(this.suitesDir);
    if (!checkout) throw new PerflabError(ErrorCode.Git, `${this.suitesDir} is not in a git repository: refs cannot be checked out`);
    return checkout;
  }

  /** Runs `fn` with the suites directory as it is, or as it was at `ref` (in a temporary worktree). */
  async #atRef<T>(ref: string | undefined, fn: (suitesDir: string) => Promise<T>): Promise<T> {
    if (!ref) return fn(this.suitesDir);
    const checkout = await this.#checkout();
    const commit = await resolveCommit(checkout.root, ref);
    return withWorktree(checkout.root, commit, (dir) => fn(join(dir, relative(checkout.root, this.suitesDir))));
  }
}

/** What a request selects: in words for people ("json/*", "a/x, b/y", "all"), and as a case filter. */
function selectCases(request: { pattern?: string | undefined; caseIds?: readonly string[] | undefined }): { selection: string; filter: CaseFilter } {
  if (request.caseIds) {
    const ids = new Set(request.caseIds);
    return { selection: request.caseIds.join(', '), filter: (id) => ids.has(id) };
  }
  return { selection: request.pattern ?? 'all', filter: caseFilter(request.pattern) };
}

function cancelledEvent(job: Job, report?: BenchReport): JobEvent {
  return { type: 'cancelled', job, ...(job.cancelledBy ? { by: job.cancelledBy } : {}), ...(report ? { report } : {}) };
}
