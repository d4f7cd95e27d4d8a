// The lab: everything a person can ask for, the same from Slack, the CLI and
// (later) CI — run suites, compare refs, cancel, look at history and
// baselines, and act on alerts. Work goes through the job queue; alerts go
// out through the outbox. Edges (bot, CLI) parse and authorize; the lab acts.
import { join, relative } from 'node:path';
import { Outbox } from '../engine/alert/outbox.js';
import type { Notifier } from '../engine/alert/notifier.js';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { describeCheckout, resolveCommit } from '../engine/git/git.js';
import { withWorktree } from '../engine/git/worktree.js';
import type { Alert, AuditEvent, Baseline, Trigger } from '../engine/model.js';
import { ExclusivePool } from '../engine/pool/exclusive-pool.js';
import { JobQueue, type CancelOutcome, type Job } from '../engine/queue/job-queue.js';
import { caseFilter } from '../engine/suite/case-filter.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { HistoryEntry, Store, Transition } from '../engine/store/store.js';
import { compareRefs, type CompareRefsReport } from '../modes/bench/compare-refs.js';
import { runBench, WORKER_FILE, type BenchProgress, type BenchReport } from '../modes/bench/run-bench.js';
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
  onError?: (context: string, error: unknown) => void;
}

export type JobEvent =
  | { type: 'started'; job: Job }
  | { type: 'progress'; job: Job; progress: BenchProgress }
  | { type: 'run-finished'; job: Job; report: BenchReport }
  | { type: 'compare-finished'; job: Job; report: CompareRefsReport }
  | { type: 'fuzz-progress'; job: Job; progress: FuzzProgress }
  | { type: 'fuzz-finished'; job: Job; report: FuzzReport }
  /** Stopped by `cancel`; what a run measured before is recorded (and in `report`). */
  | { type: 'cancelled'; job: Job; by?: string; report?: BenchReport }
  | { type: 'failed'; job: Job; error: string };

export type JobListener = (event: JobEvent) => void;

/** What an action on an alert did: the alert as it is now, or why nothing changed. */
export type AlertActionOutcome = Transition | { ok: false; reason: 'not-applicable'; alert: Alert; message: string };

export class Lab {
  readonly jobs = new JobQueue();
  readonly store: Store;
  readonly machine: string;
  readonly suitesDir: string;
  readonly outbox: Outbox | null;
  readonly #pool: ExclusivePool;
  readonly #overrides: BenchOptions;
  readonly #onError: (context: string, error: unknown) => void;

  constructor(options: LabOptions) {
    this.store = options.store;
    this.machine = options.machine;
    this.suitesDir = options.suitesDir;
    this.#pool = options.pool ?? new ExclusivePool({ filename: WORKER_FILE });
    this.#overrides = options.overrides ?? {};
    this.#onError = options.onError ?? (() => undefined);
    this.outbox = options.notifier ? new Outbox(this.store, options.notifier, { onError: (alert, error) => this.#onError(`posting alert ${alert.id}`, error) }) : null;
  }

  /** Run the suites (optionally only cases matching `pattern`) as they are now, or at `ref`. */
  runSuites(request: { pattern?: string; caseIds?: readonly string[]; ref?: string }, trigger: Trigger, listener?: JobListener): Job {
    const selection = request.caseIds ? request.caseIds.join(', ') : (request.pattern ?? 'all');
    const what = `run ${selection}${request.ref ? ` @${request.ref}` : ''}`;
    const ids = request.caseIds ? new Set(request.caseIds) : null;
    const filter = ids ? (id: string) => ids.has(id) : caseFilter(request.pattern);
    const job = this.jobs.submit({ kind: 'run', description: what, trigger }, async (signal) => {
      listener?.({ type: 'started', job });
      try {
        const report = await this.#atRef(request.ref, async (suitesDir) => {
          const checkout = await describeCheckout(suitesDir);
          return runBench({
            suitesDir,
            filter,
            store: this.store,
            machine: this.machine,
            trigger,
            checkout,
            overrides: this.#overrides,
            pool: this.#pool,
            signal,
            onProgress: (progress) => listener?.({ type: 'progress', job, progress }),
          });
        });
        await this.#audit(trigger, 'run', { selection, ref: request.ref ?? null, runId: report.run.id });
        for (const alert of report.alerts) void this.outbox?.deliver(alert.id);
        if (signal.aborted) listener?.({ type: 'cancelled', job, ...(job.cancelledBy ? { by: job.cancelledBy } : {}), report });
        else listener?.({ type: 'run-finished', job, report });
      } catch (error) {
        notifyFailure(listener, job, signal, error);
        throw error;
      }
    });
    return job;
  }

  /** Fuzz the suites' properties for a budget (DESIGN §7); known findings are replayed first. */
  runFuzz(request: { pattern?: string; caseIds?: readonly string[]; budgetMs?: number; workers?: number }, trigger: Trigger, listener?: JobListener): Job {
    const selection = request.caseIds ? request.caseIds.join(', ') : (request.pattern ?? 'all');
    const ids = request.caseIds ? new Set(request.caseIds) : null;
    const filter = ids ? (id: string) => ids.has(id) : caseFilter(request.pattern);
    const job = this.jobs.submit({ kind: 'fuzz', description: `fuzz ${selection}`, trigger }, async (signal) => {
      listener?.({ type: 'started', job });
      try {
        const report = await runFuzz({
          suitesDir: this.suitesDir,
          filter,
          store: this.store,
          machine: this.machine,
          trigger,
          checkout: await describeCheckout(this.suitesDir),
          ...(request.budgetMs !== undefined ? { budgetMs: request.budgetMs } : {}),
          ...(request.workers !== undefined ? { workers: request.workers } : {}),
          signal,
          onProgress: (progress) => listener?.({ type: 'fuzz-progress', job, progress }),
        });
        await this.#audit(trigger, 'fuzz', { selection, budgetMs: request.budgetMs ?? null, runId: report.run.id });
        // Cancelled or not, what was found is recorded, and alerted on.
        if (report.alert) void this.outbox?.deliver(report.alert.id);
        if (signal.aborted) listener?.({ type: 'cancelled', job, ...(job.cancelledBy ? { by: job.cancelledBy } : {}) });
        else listener?.({ type: 'fuzz-finished', job, report });
      } catch (error) {
        notifyFailure(listener, job, signal, error);
        throw error;
      }
    });
    return job;
  }

  /** Measure two refs interleaved: "does my branch make it slower?". */
  compare(request: { refA: string; refB: string; pattern?: string }, trigger: Trigger, listener?: JobListener): Job {
    const job = this.jobs.submit({ kind: 'compare', description: `compare ${request.refA} ${request.refB}${request.pattern ? ` ${request.pattern}` : ''}`, trigger }, async (signal) => {
      listener?.({ type: 'started', job });
      try {
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
        await this.#audit(trigger, 'compare', { ...request, commitA: report.commitA, commitB: report.commitB });
        if (signal.aborted) listener?.({ type: 'cancelled', job, ...(job.cancelledBy ? { by: job.cancelledBy } : {}) });
        else listener?.({ type: 'compare-finished', job, report });
      } catch (error) {
        notifyFailure(listener, job, signal, error);
        throw error;
      }
    });
    return job;
  }

  cancel(jobId: string, actor: string): CancelOutcome {
    const outcome = this.jobs.cancel(jobId, actor);
    if (outcome.ok) void this.#audit({ kind: 'command', by: actor }, 'job.cancel', { jobId });
    return outcome;
  }

  history(caseId: string, limit = 20): Promise<HistoryEntry[]> {
    return this.store.history(caseId, { machine: this.machine, limit });
  }

  baseline(caseId: string): { current: Baseline | undefined; previous: Baseline[] } {
    const all = this.store.baselineHistory(caseId, this.machine);
    return { current: this.store.getBaseline(caseId, this.machine), previous: all.slice(0, -1).reverse() };
  }

  /** Case ids known on this machine (they have a baseline). */
  knownCases(): string[] {
    return this.store.listBaselines(this.machine).map((b) => b.caseId);
  }

  /**
   * Accept as new baseline: atomic — only an open or investigating alert
   * moves, so a second click finds it accepted and changes nothing. The
   * alert's run results become the baselines of its cases.
   */
  async acceptAlert(alertId: string, actor: string, reason = 'accepted from an alert'): Promise<AlertActionOutcome> {
    const alert = this.store.getAlert(alertId);
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
  rerunAlert(alertId: string, actor: string, listener?: JobListener): Job | undefined {
    const alert = this.store.getAlert(alertId);
    if (!alert) return undefined;
    const everything = alert.kind === 'suite-error' || alert.kind === 'environment-suspect';
    void this.#audit({ kind: 'button', by: actor }, 'alert.rerun', { alertId });
    return this.runSuites(everything ? {} : { caseIds: alert.caseIds }, { kind: 'button', by: actor }, listener);
  }

  /** Stops retry timers and waits for running jobs to notice cancellation. */
  async close(): Promise<void> {
    this.outbox?.close();
    for (const job of this.jobs.list()) if (job.state === 'queued' || job.state === 'running') this.jobs.cancel(job.id, 'shutdown');
    await this.jobs.idle();
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

function notifyFailure(listener: JobListener | undefined, job: Job, signal: AbortSignal, error: unknown): void {
  if (signal.aborted) listener?.({ type: 'cancelled', job, ...(job.cancelledBy ? { by: job.cancelledBy } : {}) });
  else listener?.({ type: 'failed', job, error: error instanceof Error ? error.message : String(error) });
}
