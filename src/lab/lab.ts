// The lab (DESIGN §2): the one road in. Every edge — Slack, the CLI,
// schedules, the watcher, webhooks and pushed CI results — submits a job of
// a kind listed in `jobs/index.ts`; the lab checks the request, queues the
// job, audits who asked and from where, runs it, and hands its alerts to the
// outbox. Edges see this facade only: work, its events, alert actions and
// read-only queries; never the store, the queue or the outbox.
import { Outbox } from '../engine/alert/outbox.js';
import type { Notifier } from '../engine/alert/notifier.js';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { logError } from '../engine/log/logger.js';
import type { Alert, AlertState, AuditEvent, Baseline, Finding, FindingState, Job, RecordedResult, Run, Schedule, Trigger, WatchCursor } from '../engine/model.js';
import { ExclusivePool } from '../engine/pool/exclusive-pool.js';
import { JobQueue, type CancelOutcome } from '../engine/queue/job-queue.js';
import type { LabQueue } from '../engine/queue/lab-queue.js';
import type { DiffReport } from '../engine/report/diff-report.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { HistoryEntry, HistoryQuery, Store } from '../engine/store/store.js';
import { WORKER_FILE } from '../modes/bench/run-bench.js';
import * as actions from './alert-actions.js';
import { attachAlertCharts } from './alert-charts.js';
import { drawCaseChart, type CaseChartRequest } from './case-chart.js';
import { labDiffReport, type LabDiffReportOptions } from './lab-diff-report.js';
import { drawDigestChart, labDigest, type LabDigestOptions } from './lab-digest.js';
import type { Digest } from '../engine/report/digest.js';
import type { ChartFormat, FuzzChartData } from '../engine/chart/index.js';
import { fuzzChartData } from './fuzz-chart.js';
import { FINAL_EVENTS, type JobEvent, type JobListener } from './job-event.js';
import { isJobKindName, JOB_KINDS, type JobKindName, type JobRequest } from './jobs/index.js';
import type { JobKind } from './jobs/job-kind.js';
import type { LabContext } from './lab-context.js';
import { cancelledEvent } from './jobs/run-options.js';

export type { AlertActionOutcome } from './alert-actions.js';
export { FINAL_EVENTS, type JobEvent, type JobListener } from './job-event.js';
export type { JobKindName, JobRequest } from './jobs/index.js';

export interface LabOptions {
  store: Store;
  machine: string;
  /** Absolute path of the suites directory. */
  suitesDir: string;
  /** Where alerts are posted; without one they stay pending in the store for the next `perflab serve`. */
  notifier?: Notifier;
  /** Run-wide measurement overrides (e.g. shorter budgets for a demo). */
  overrides?: BenchOptions;
  pool?: ExclusivePool;
  /** Run the canary with every benchmark run (default true; tests of other things turn it off). */
  canary?: boolean;
  /** A failure the lab survives (a listener that threw, a post that failed). Default: the log. */
  onError?: (context: string, error: unknown) => void;
  /**
   * Where jobs wait. Default: a JobQueue in this process, saved in the store.
   * A queue shared with other processes (PostgreSQL: `sharedQueueOf`) lets
   * agents on other machines run them.
   */
  queue?: LabQueue;
  /** With a shared queue and a notifier: how often to post alerts other processes stored, ms. Default 2000. */
  pendingAlertsEveryMs?: number;
}

/** What may go with a submission besides its request. */
export interface SubmitOptions {
  /** Only an agent of this machine may run it (baselines are per machine). Only a shared queue has other machines. */
  machine?: string;
}

/** Finished jobs kept in the store for `/perflab status` and after a restart. */
const KEEP_FINISHED_JOBS = 200;

export class Lab {
  readonly machine: string;
  readonly suitesDir: string;
  /** Where the lab keeps its files (git mirrors, the button key). */
  readonly dataDir: string;
  readonly #store: Store;
  readonly #queue: LabQueue;
  readonly #shared: boolean;
  readonly #pendingAlertsEveryMs: number;
  #pendingAlertsTimer: NodeJS.Timeout | undefined;
  readonly #outbox: Outbox | null;
  readonly #context: LabContext;
  readonly #onError: (context: string, error: unknown) => void;
  readonly #listeners = new Map<string, Set<JobListener>>();
  /** A job's final event, kept until the queue has marked the job finished: whoever joins it in between still gets its answer. */
  readonly #finalEvents = new Map<string, JobEvent>();

  constructor(options: LabOptions) {
    this.#store = options.store;
    this.machine = options.machine;
    this.suitesDir = options.suitesDir;
    this.dataDir = options.store.dir;
    this.#onError = options.onError ?? logError;
    const notifier = options.notifier;
    this.#outbox = notifier
      ? new Outbox(this.#store, notifier, {
          onError: (alert, error) => this.#onError(`posting alert ${alert.id}`, error),
          afterPost: (alert, message) => attachAlertCharts(this, notifier, alert, message, this.#onError),
          holder: `${this.machine}:${process.pid}`,
        })
      : null;
    this.#shared = options.queue !== undefined;
    this.#pendingAlertsEveryMs = options.pendingAlertsEveryMs ?? 2000;
    this.#queue = options.queue ?? new JobQueue({ save: (job) => this.#store.putJob(job, KEEP_FINISHED_JOBS), onError: this.#onError });
    this.#queue.onEndedElsewhere?.((job) => this.#emit(job, { type: 'ended-elsewhere', job }));
    this.#context = {
      store: this.#store,
      machine: this.machine,
      suitesDir: this.suitesDir,
      pool: options.pool ?? new ExclusivePool({ filename: WORKER_FILE }),
      overrides: options.overrides ?? {},
      canary: options.canary ?? true,
      outbox: this.#outbox,
      notifier: notifier ?? null,
      reads: this,
      submit: (kind, request, trigger) => this.submit(kind, request, trigger),
      emit: (job, event) => this.#emit(job, event),
      audit: (trigger, action, args) => this.audit(trigger, action, args),
      deliver: (alerts) => {
        // A regression the run measured back at its old level is already posted: it is updated, not posted again.
        for (const alert of alerts) void (alert.state === 'fixed' ? this.#outbox?.closed(alert) : this.#outbox?.deliver(alert.id));
      },
      onError: this.#onError,
    };
    for (const [kind, definition] of Object.entries(JOB_KINDS)) this.#register(kind, definition as unknown as JobKind);
  }

  /**
   * Starts taking work. With `resume` (the default; a one-shot CLI command
   * passes false), jobs queued before a restart run now, jobs cut off while
   * running are marked interrupted and queued once more, and alerts stored
   * but not yet posted are posted.
   */
  async start(options: { resume?: boolean } = {}): Promise<Job[]> {
    const resume = options.resume ?? true;
    // A shared queue keeps its jobs in the database, not in this process's store records.
    const interrupted = await this.#queue.start(resume && !this.#shared ? await this.#store.listJobs() : []);
    for (const job of interrupted) await this.audit({ kind: 'command', by: 'perflab' }, 'job.interrupted', { jobId: job.id, description: job.description });
    if (resume) await this.postPendingAlerts();
    if (resume && this.#shared && this.#outbox) {
      // Agents on other machines store alerts without posting them: this process posts them (the outbox claims each in the store, so once).
      this.#pendingAlertsTimer = setInterval(() => void this.postPendingAlerts().catch((error: unknown) => this.#onError('posting pending alerts', error)), this.#pendingAlertsEveryMs);
      this.#pendingAlertsTimer.unref();
    }
    return interrupted;
  }

  /** Posts the alerts that are stored but not yet posted (after a restart, or from a CLI run that had no notifier). */
  async postPendingAlerts(): Promise<void> {
    await this.#outbox?.resume();
  }

  /**
   * Queues work (or joins the same work already queued) and tells `listener`
   * how it goes. A request that does not fit its kind is a `PerflabError`
   * naming the field. Audited with who asked and from where.
   */
  submit<K extends JobKindName>(kind: K, request: JobRequest<K>, trigger: Trigger, listener?: JobListener, options: SubmitOptions = {}): Job {
    if (!isJobKindName(kind)) throw new PerflabError(ErrorCode.Config, `unknown kind of job "${String(kind)}"`);
    const definition = JOB_KINDS[kind] as unknown as JobKind;
    const checked = definition.request.safeParse(request);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new PerflabError(ErrorCode.Config, `bad ${kind} request: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid'}`);
    }
    const { job, duplicate } = this.#queue.submit({
      kind,
      description: definition.describe(checked.data),
      trigger,
      request: checked.data,
      ...(definition.dedupeKey ? { dedupeKey: definition.dedupeKey(checked.data) } : {}),
      ...(options.machine !== undefined ? { machine: options.machine } : {}),
    });
    if (listener) this.subscribe(job.id, listener);
    void this.audit(trigger, 'job.submit', { jobId: job.id, kind, description: job.description, ...(duplicate ? { joined: true } : {}) });
    return job;
  }

  /** Submits and waits for the job's last event (finished, cancelled, failed). */
  run<K extends JobKindName>(kind: K, request: JobRequest<K>, trigger: Trigger, listener?: JobListener): Promise<JobEvent> {
    return new Promise((resolve) => {
      this.submit(kind, request, trigger, (event) => {
        listener?.(event);
        if (FINAL_EVENTS.has(event.type)) resolve(event);
      });
    });
  }

  /** Listens to a queued or running job's events; returns how to stop listening. */
  subscribe(jobId: string, listener: JobListener): () => void {
    const final = this.#finalEvents.get(jobId);
    if (final) {
      queueMicrotask(() => listener(final));
      return () => {};
    }
    const listeners = this.#listeners.get(jobId) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(jobId, listeners);
    return () => listeners.delete(listener);
  }

  cancel(jobId: string, actor: string): CancelOutcome {
    const outcome = this.#queue.cancel(jobId, actor);
    if (!outcome.ok) return outcome;
    void this.audit({ kind: 'command', by: actor }, 'job.cancel', { jobId });
    // A job cancelled before it started never runs: tell its listeners here.
    if (outcome.job.state === 'cancelled') this.#emit(outcome.job, cancelledEvent(outcome.job));
    return outcome;
  }

  job(jobId: string): Job | undefined {
    return this.#queue.get(jobId);
  }

  /** Running first, then queued in the order they will run, then the most recent finished ones. */
  jobs(): Job[] {
    return this.#queue.list();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Resolves when every job state change so far is saved. */
  flush(): Promise<void> {
    return this.#queue.flush();
  }

  // --- alert actions ---

  acceptAlert(alertId: string, actor: string, reason?: string): Promise<actions.AlertActionOutcome> {
    return actions.acceptAlert(this.#context, alertId, actor, reason);
  }

  markAlertKnown(alertId: string, actor: string): Promise<actions.AlertActionOutcome> {
    return actions.markAlertKnown(this.#context, alertId, actor);
  }

  dismissAlert(alertId: string, actor: string): Promise<actions.AlertActionOutcome> {
    return actions.dismissAlert(this.#context, alertId, actor);
  }

  investigateAlert(alertId: string, actor: string, note: string, assignee?: string): Promise<actions.AlertActionOutcome> {
    return actions.investigateAlert(this.#context, alertId, actor, note, assignee);
  }

  /**
   * Re-runs the alert's cases (a suite error or a suspect environment re-runs
   * everything; a stress failure re-runs its scenarios) on the machine that
   * measured them: its baselines are that machine's. A shared queue hands the
   * job to that machine's agent; a queue of this process only refuses an
   * alert measured elsewhere.
   */
  async rerunAlert(alertId: string, actor: string, listener?: JobListener): Promise<Job | undefined> {
    const alert = await this.#store.getAlert(alertId);
    if (!alert) return undefined;
    const run = await this.#store.getRun(alert.runId);
    const machine = run?.machine;
    if (machine !== undefined && machine !== this.machine && !this.#shared) {
      throw new PerflabError(ErrorCode.Config, `alert ${alertId} was measured on ${machine}, and this perflab measures on ${this.machine}: re-run it on ${machine} (baselines are per machine)`);
    }
    const everything = alert.kind === 'suite-error' || alert.kind === 'environment-suspect';
    const trigger: Trigger = { kind: 'button', by: actor };
    await this.audit(trigger, 'alert.rerun', { alertId, ...(machine !== undefined ? { machine } : {}) });
    const request = everything ? {} : { caseIds: alert.caseIds };
    const options: SubmitOptions = machine !== undefined && this.#shared ? { machine } : {};
    return this.submit(run?.mode === 'stress' ? 'stress' : 'run', request, trigger, listener, options);
  }

  /** Each case's latest result on this machine becomes its baseline (`perflab baseline accept`); `'all'` takes every case with a baseline. */
  async acceptLatest(caseIds: readonly string[] | 'all', actor: string, reason: string): Promise<Baseline[]> {
    const ids = caseIds === 'all' ? await this.knownCases() : caseIds;
    const accepted: Baseline[] = [];
    for (const caseId of ids) accepted.push(await actions.acceptLatest(this.#context, caseId, this.machine, actor, reason));
    return accepted;
  }

  // --- what edges may record ---

  /** An audit event: who (the trigger's `by`), from where (its kind), what, with which arguments. */
  async audit(trigger: Trigger, action: string, args: Record<string, unknown>): Promise<void> {
    const event: AuditEvent = { at: new Date().toISOString(), actor: trigger.by, action, args: { ...args, via: trigger.kind } };
    await this.#store.audit(event);
  }

  schedules(): Promise<Schedule[]> {
    return this.#store.listSchedules();
  }

  addSchedule(schedule: Schedule): Promise<void> {
    return this.#store.addSchedule(schedule);
  }

  removeSchedule(id: string): Promise<Schedule | undefined> {
    return this.#store.removeSchedule(id);
  }

  /** The last commit taken in from a watched branch. */
  cursor(repo: string, branch: string): Promise<WatchCursor | undefined> {
    return this.#store.getCursor(repo, branch);
  }

  setCursor(cursor: WatchCursor): Promise<void> {
    return this.#store.setCursor(cursor);
  }

  // --- read-only queries ---

  /** Oldest first, as `query` selects; this machine's unless `allMachines`. */
  history(caseId: string, options: Omit<HistoryQuery, 'machine'> & { allMachines?: boolean } = {}): Promise<HistoryEntry[]> {
    const { allMachines, ...query } = options;
    return this.#store.history(caseId, { ...query, ...(allMachines ? {} : { machine: this.machine }) });
  }

  async baseline(caseId: string): Promise<{ current: Baseline | undefined; previous: Baseline[] }> {
    const all = await this.#store.baselineHistory(caseId, this.machine);
    return { current: await this.#store.getBaseline(caseId, this.machine), previous: all.slice(0, -1).reverse() };
  }

  /** Every baseline accepted for the case on `machine` (default this one), oldest first. */
  baselineHistory(caseId: string, machine = this.machine): Promise<Baseline[]> {
    return this.#store.baselineHistory(caseId, machine);
  }

  baselines(): Promise<Baseline[]> {
    return this.#store.listBaselines(this.machine);
  }

  /** Case ids known on this machine (they have a baseline). */
  async knownCases(): Promise<string[]> {
    return (await this.baselines()).map((b) => b.caseId);
  }

  alert(alertId: string): Promise<Alert | undefined> {
    return this.#store.getAlert(alertId);
  }

  alerts(filter: { state?: AlertState } = {}): Promise<Alert[]> {
    return this.#store.listAlerts(filter);
  }

  getRun(runId: string): Promise<Run | undefined> {
    return this.#store.getRun(runId);
  }

  /** Newest first. */
  runs(options: { limit?: number } = {}): Promise<Run[]> {
    return this.#store.listRuns(options);
  }

  runResults(runId: string): Promise<RecordedResult[]> {
    return this.#store.runResults(runId);
  }

  finding(findingId: string): Promise<Finding | undefined> {
    return this.#store.getFinding(findingId);
  }

  findings(filter: { state?: FindingState; mode?: Finding['mode']; caseId?: string } = {}): Promise<Finding[]> {
    return this.#store.listFindings(filter);
  }

  /** The case's trend chart on this machine (DESIGN §9a) as SVG text or PNG bytes: medians with their noise band, baselines, alerts, change points. */
  caseChart(caseId: string, request: CaseChartRequest & { format: 'png' }): Promise<Buffer>;
  caseChart(caseId: string, request: CaseChartRequest & { format: 'svg' }): Promise<string>;
  caseChart(caseId: string, request: CaseChartRequest): Promise<string | Buffer>;
  caseChart(caseId: string, request: CaseChartRequest): Promise<string | Buffer> {
    return drawCaseChart(this, caseId, request);
  }

  /** Each known case's latest results against the previous run, a day, a week, a month and a year ago, or the points asked for (`perflab report`). */
  diffReport(options: LabDiffReportOptions = {}): Promise<DiffReport> {
    return labDiffReport(this, options);
  }

  /** A fuzz property's recent fuzz runs, oldest first, with the findings each opened, fixed or saw come back; null when none fuzzed it. */
  fuzzHistory(caseId: string, options: { limit?: number } = {}): Promise<FuzzChartData | null> {
    return fuzzChartData(this, caseId, options.limit);
  }

  /** The biggest movers against a week, a month and a year ago (`perflab digest`; the `digest` job posts the same). */
  digest(options: LabDigestOptions = {}): Promise<Digest> {
    return labDigest(this, options);
  }

  /** The chart of a digest's movers, or null when nothing moved. */
  digestChart(digest: Digest, format: ChartFormat): Promise<string | Buffer | null> {
    return drawDigestChart(this, digest, format);
  }

  /** Newest first. */
  auditLog(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    return this.#store.listAudit(options);
  }

  /** Stops retry timers and waits for running jobs to notice; queued jobs stay queued in the store for the next start. */
  async close(): Promise<void> {
    clearInterval(this.#pendingAlertsTimer);
    this.#outbox?.close();
    await this.#queue.stop();
  }

  /** Registers a kind: its handler checks the stored request again and wraps the run with the started/failed/cancelled events every listener expects. */
  #register(kind: string, definition: JobKind): void {
    this.#queue.register(
      kind,
      async (job, signal) => {
        this.#emit(job, { type: 'started', job });
        try {
          // Requests are stored with their jobs and read back after a restart: checked, not trusted.
          await definition.run(this.#context, job, definition.request.parse(job.request), signal);
        } catch (error) {
          this.#emit(job, signal.aborted ? cancelledEvent(job) : { type: 'failed', job, error: error instanceof Error ? error.message : String(error), cause: error });
          throw error;
        } finally {
          // Listeners of a finished job are done; let them go once the queue has marked it finished.
          setImmediate(() => {
            this.#listeners.delete(job.id);
            this.#finalEvents.delete(job.id);
          });
        }
      },
      { beside: definition.beside ?? false },
    );
  }

  #emit(job: Job, event: JobEvent): void {
    if (FINAL_EVENTS.has(event.type)) this.#finalEvents.set(job.id, event);
    for (const listener of this.#listeners.get(job.id) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(`a listener of job ${job.id}`, error);
      }
    }
  }
}
