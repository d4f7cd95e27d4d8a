// The `Store` on PostgreSQL: for a team whose lab outgrows one machine
// (DESIGN §9). Each method is one statement or one transaction of the table
// modules beside this file; the database, not a queue in this process, keeps
// concurrent writers (other perflab processes included) from interleaving.
import type postgres from 'postgres';
import type { Alert, AlertDelivery, AlertState, AuditEvent, Baseline, Culprit, Finding, FindingReport, FindingState, Job, RecordedResult, Run, Schedule, Sighting, WatchCursor } from '../../model.js';
import type { AlertStatePatch, FindingSighting, FindingTransition, HistoryEntry, HistoryQuery, RunFinish, Store, Transition } from '../store.js';
import * as alerts from './pg-alerts.js';
import * as audit from './pg-audit.js';
import * as baselines from './pg-baselines.js';
import * as findings from './pg-findings.js';
import * as jobs from './pg-jobs.js';
import * as runs from './pg-runs.js';
import * as triggers from './pg-triggers.js';
import { PgJobQueue, type PgJobQueueOptions } from './pg-job-queue.js';

export class PgStore implements Store {
  /** This machine's own files (git mirrors, the button key); every record is in the database. */
  readonly dir: string;
  /** Where the database is, without its password: for messages. */
  readonly where: string;
  readonly #sql: postgres.Sql;
  #closing: Promise<void> | undefined;

  constructor(sql: postgres.Sql, dir: string, where: string) {
    this.#sql = sql;
    this.dir = dir;
    this.where = where;
  }

  beginRun(run: Run): Promise<void> {
    return this.#run((sql) => runs.beginRun(sql, run));
  }

  recordResults(runId: string, results: RecordedResult[]): Promise<void> {
    return this.#run((sql) => runs.recordResults(sql, runId, results));
  }

  finishRun(runId: string, patch: RunFinish): Promise<void> {
    return this.#run((sql) => runs.finishRun(sql, runId, patch));
  }

  getRun(runId: string): Promise<Run | undefined> {
    return this.#run((sql) => runs.getRun(sql, runId));
  }

  listRuns(options: { limit?: number } = {}): Promise<Run[]> {
    return this.#run((sql) => runs.listRuns(sql, options.limit));
  }

  runResults(runId: string): Promise<RecordedResult[]> {
    return this.#run((sql) => runs.runResults(sql, runId));
  }

  history(caseId: string, options: HistoryQuery = {}): Promise<HistoryEntry[]> {
    return this.#run((sql) => runs.history(sql, caseId, options));
  }

  getBaseline(caseId: string, machine: string): Promise<Baseline | undefined> {
    return this.#run((sql) => baselines.getBaseline(sql, caseId, machine));
  }

  listBaselines(machine?: string): Promise<Baseline[]> {
    return this.#run((sql) => baselines.listBaselines(sql, machine));
  }

  acceptBaseline(baseline: Baseline): Promise<void> {
    return this.#run((sql) => baselines.acceptBaseline(sql, baseline));
  }

  baselineHistory(caseId: string, machine: string): Promise<Baseline[]> {
    return this.#run((sql) => baselines.baselineHistory(sql, caseId, machine));
  }

  addAlert(alert: Alert): Promise<void> {
    return this.#run((sql) => alerts.addAlert(sql, alert));
  }

  getAlert(id: string): Promise<Alert | undefined> {
    return this.#run((sql) => alerts.getAlert(sql, id));
  }

  listAlerts(options: { state?: AlertState } = {}): Promise<Alert[]> {
    return this.#run((sql) => alerts.listAlerts(sql, options.state));
  }

  transitionAlert(id: string, from: readonly AlertState[], to: AlertState, by: string, patch?: AlertStatePatch): Promise<Transition> {
    return this.#run((sql) => alerts.transitionAlert(sql, id, from, to, by, patch));
  }

  setAlertCulprit(id: string, culprit: Culprit): Promise<Alert | undefined> {
    return this.#run((sql) => alerts.patchAlert(sql, id, { culprit }));
  }

  setAlertDelivery(id: string, delivery: AlertDelivery): Promise<Alert | undefined> {
    return this.#run((sql) => alerts.patchAlert(sql, id, { delivery }));
  }

  claimAlertDelivery(id: string, by: string, leaseMs: number): Promise<Alert | undefined> {
    return this.#run((sql) => alerts.claimAlertDelivery(sql, id, by, leaseMs));
  }

  recordFinding(report: FindingReport, seen: Sighting): Promise<FindingSighting> {
    return this.#run((sql) => findings.recordFinding(sql, report, seen));
  }

  getFinding(id: string): Promise<Finding | undefined> {
    return this.#run((sql) => findings.getFinding(sql, id));
  }

  listFindings(filter?: { state?: FindingState; mode?: Finding['mode']; caseId?: string }): Promise<Finding[]> {
    return this.#run((sql) => findings.listFindings(sql, filter));
  }

  transitionFinding(id: string, from: readonly FindingState[], to: FindingState, by: string, patch?: Partial<Pick<Finding, 'fixedIn' | 'flaky'>>): Promise<FindingTransition> {
    return this.#run((sql) => findings.transitionFinding(sql, id, from, to, by, patch));
  }

  setFindingFlaky(id: string, flaky: boolean): Promise<Finding | undefined> {
    return this.#run((sql) => findings.setFindingFlaky(sql, id, flaky));
  }

  countCleanRun(id: string, seen: Sighting, fixedAfter: number): Promise<Finding | undefined> {
    return this.#run((sql) => findings.countCleanRun(sql, id, seen, fixedAfter));
  }

  listSchedules(): Promise<Schedule[]> {
    return this.#run((sql) => triggers.listSchedules(sql));
  }

  addSchedule(schedule: Schedule): Promise<void> {
    return this.#run((sql) => triggers.addSchedule(sql, schedule));
  }

  removeSchedule(id: string): Promise<Schedule | undefined> {
    return this.#run((sql) => triggers.removeSchedule(sql, id));
  }

  listJobs(): Promise<Job[]> {
    return this.#run((sql) => jobs.listJobs(sql));
  }

  putJob(job: Job, keepFinished: number): Promise<void> {
    return this.#run((sql) => jobs.putJob(sql, job, keepFinished));
  }

  getCursor(repo: string, branch: string): Promise<WatchCursor | undefined> {
    return this.#run((sql) => triggers.getCursor(sql, repo, branch));
  }

  setCursor(cursor: WatchCursor): Promise<void> {
    return this.#run((sql) => triggers.setCursor(sql, cursor));
  }

  audit(event: AuditEvent): Promise<void> {
    return this.#run((sql) => audit.appendAudit(sql, event));
  }

  listAudit(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    return this.#run((sql) => audit.listAudit(sql, options.limit));
  }

  /** The shared queue of `perflab agent` processes, on this store's connections. */
  jobQueue(options: PgJobQueueOptions): PgJobQueue {
    return new PgJobQueue(this.#sql, options);
  }

  /** Lets queries already sent finish (up to 5 s), then closes the connections. Later calls are refused; calling it again is harmless. */
  close(): Promise<void> {
    this.#closing ??= this.#sql.end({ timeout: 5 });
    return this.#closing;
  }

  #run<T>(step: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error(`store ${this.where} is closed`));
    return step(this.#sql);
  }
}
