// The embedded `Store`: lowdb files and JSON-lines logs in one directory
// (layout in store-layout.ts). Reads are served from memory (baselines, live
// alerts, findings, jobs) or read from disk on demand (runs and audit events
// by month, results, history, archived alerts and baselines); every write is
// a step on one queue, so no two read-modify-writes ever interleave.
import { randomBytes } from 'node:crypto';
import type { Alert, AlertDelivery, AlertState, AuditEvent, Baseline, Culprit, Finding, FindingReport, FindingState, Job, RecordedResult, Run, Schedule, Sighting, WatchCursor } from '../model.js';
import type { AuditLog } from './audit-log.js';
import type { CaseHistory } from './case-history.js';
import { compactHistoryMonth } from './compact-history.js';
import type { CompactOptions, CompactReport } from './compact-options.js';
import { addCompactReports, emptyCompactReport, resolveCompactOptions } from './compact-options.js';
import { compactResultsMonth } from './compact-results.js';
import type { LineAppender } from './line-file.js';
import { listMonths } from './list-months.js';
import { monthOf } from './month-of.js';
import { readResultsFile, writeResultsFile } from './results-file.js';
import type { RunLog } from './run-log.js';
import type { StoreLock } from './store-lock.js';
import type { StoreState } from './store-state.js';
import type { AlertStatePatch, FindingSighting, FindingTransition, HistoryEntry, HistoryQuery, RunFinish, Store, Transition } from './store.js';
import type { StoreLayout } from './store-layout.js';
import type { WriteQueue } from './write-queue.js';

export interface DiskStoreParts {
  layout: StoreLayout;
  lock: StoreLock;
  queue: WriteQueue;
  appender: LineAppender;
  state: StoreState;
  runs: RunLog;
  history: CaseHistory;
  audit: AuditLog;
}

export class DiskStore implements Store {
  readonly dir: string;
  readonly #parts: DiskStoreParts;
  #closing: Promise<void> | undefined;

  constructor(parts: DiskStoreParts) {
    this.dir = parts.layout.root;
    this.#parts = parts;
  }

  beginRun(run: Run): Promise<void> {
    return this.#write(() => this.#parts.runs.begin(run));
  }

  /**
   * Results file first, then history: a run whose record says finished
   * (`finishRun` comes after) has both. A kill in between leaves an
   * unfinished run whose results may be partly in history.
   */
  recordResults(runId: string, results: RecordedResult[]): Promise<void> {
    return this.#write(async () => {
      const month = await this.#parts.runs.monthOf(runId);
      if (month === undefined) throw new Error(`cannot record results of run ${runId}: no such run`);
      checkResults(runId, results);
      await writeResultsFile(this.#parts.layout, month, runId, results);
      this.#parts.history.append(results);
    });
  }

  finishRun(runId: string, patch: RunFinish): Promise<void> {
    return this.#write(() => this.#parts.runs.finish(runId, patch));
  }

  getRun(runId: string): Promise<Run | undefined> {
    return this.#parts.runs.get(runId);
  }

  listRuns(options: { limit?: number } = {}): Promise<Run[]> {
    return this.#parts.runs.list(options.limit);
  }

  async runResults(runId: string): Promise<RecordedResult[]> {
    const month = await this.#parts.runs.monthOf(runId);
    return month === undefined ? [] : readResultsFile(this.#parts.layout, month, runId);
  }

  history(caseId: string, options: HistoryQuery = {}): Promise<HistoryEntry[]> {
    return this.#parts.history.read(caseId, options);
  }

  async getBaseline(caseId: string, machine: string): Promise<Baseline | undefined> {
    return this.#parts.state.getBaseline(caseId, machine);
  }

  async listBaselines(machine?: string): Promise<Baseline[]> {
    return this.#parts.state.listBaselines(machine);
  }

  /**
   * The audit event is written first: a kill in between leaves a request on
   * record that did not take effect, never a baseline nobody is recorded as
   * having accepted.
   */
  acceptBaseline(baseline: Baseline): Promise<void> {
    return this.#write(async () => {
      const { caseId, machine, runId, reason } = baseline;
      await this.#parts.audit.append({
        at: new Date().toISOString(),
        actor: baseline.acceptedBy,
        action: 'baseline.accept',
        args: { caseId, machine, runId, reason },
      });
      await this.#parts.state.acceptBaseline(baseline);
    });
  }

  baselineHistory(caseId: string, machine: string): Promise<Baseline[]> {
    return this.#parts.state.baselineHistory(caseId, machine);
  }

  addAlert(alert: Alert): Promise<void> {
    return this.#write(() => this.#parts.state.addAlert(alert));
  }

  getAlert(id: string): Promise<Alert | undefined> {
    return this.#parts.state.getAlert(id);
  }

  listAlerts(options: { state?: AlertState } = {}): Promise<Alert[]> {
    return this.#parts.state.listAlerts(options.state);
  }

  transitionAlert(id: string, from: readonly AlertState[], to: AlertState, by: string, patch?: AlertStatePatch): Promise<Transition> {
    return this.#write(() => this.#parts.state.transitionAlert(id, from, to, by, patch));
  }

  setAlertCulprit(id: string, culprit: Culprit): Promise<Alert | undefined> {
    return this.#write(() => this.#parts.state.patchAlert(id, { culprit }));
  }

  setAlertDelivery(id: string, delivery: AlertDelivery): Promise<Alert | undefined> {
    return this.#write(() => this.#parts.state.setAlertDelivery(id, delivery));
  }

  claimAlertDelivery(id: string, by: string, leaseMs: number): Promise<Alert | undefined> {
    return this.#write(() => this.#parts.state.claimAlertDelivery(id, by, leaseMs));
  }

  recordFinding(report: FindingReport, seen: Sighting): Promise<FindingSighting> {
    return this.#write(() => this.#parts.state.recordFinding(report, seen, () => `f-${randomBytes(4).toString('hex')}`));
  }

  async getFinding(id: string): Promise<Finding | undefined> {
    return this.#parts.state.getFinding(id);
  }

  async listFindings(filter?: { state?: FindingState; mode?: Finding['mode']; caseId?: string }): Promise<Finding[]> {
    return this.#parts.state.listFindings(filter);
  }

  transitionFinding(id: string, from: readonly FindingState[], to: FindingState, by: string, patch?: Partial<Pick<Finding, 'fixedIn' | 'flaky'>>): Promise<FindingTransition> {
    return this.#write(() => this.#parts.state.transitionFinding(id, from, to, by, patch));
  }

  countCleanRun(id: string, seen: Sighting, fixedAfter: number): Promise<Finding | undefined> {
    return this.#write(() => this.#parts.state.countCleanRun(id, seen, fixedAfter));
  }

  setFindingFlaky(id: string, flaky: boolean): Promise<Finding | undefined> {
    return this.#write(() => this.#parts.state.setFindingFlaky(id, flaky));
  }

  async listSchedules(): Promise<Schedule[]> {
    return this.#parts.state.listSchedules();
  }

  addSchedule(schedule: Schedule): Promise<void> {
    return this.#write(() => this.#parts.state.addSchedule(schedule));
  }

  removeSchedule(id: string): Promise<Schedule | undefined> {
    return this.#write(() => this.#parts.state.removeSchedule(id));
  }

  async listJobs(): Promise<Job[]> {
    return this.#parts.state.listJobs();
  }

  putJob(job: Job, keepFinished: number): Promise<void> {
    return this.#write(() => this.#parts.state.putJob(job, keepFinished));
  }

  async getCursor(repo: string, branch: string): Promise<WatchCursor | undefined> {
    return this.#parts.state.getCursor(repo, branch);
  }

  setCursor(cursor: WatchCursor): Promise<void> {
    return this.#write(() => this.#parts.state.setCursor(cursor));
  }

  audit(event: AuditEvent): Promise<void> {
    return this.#write(() => this.#parts.audit.append(event));
  }

  listAudit(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    return this.#parts.audit.list(options.limit);
  }

  /**
   * Retention (not part of `Store`: a database has its own): drops raw samples
   * of results recorded before the cutoff and rewrites schema 2 history files
   * as lines. Never drops a summary, baseline, alert, finding or audit event.
   * One month is one write step, so other writes wait for a month at most.
   */
  async compact(options: CompactOptions = {}): Promise<CompactReport> {
    const resolved = resolveCompactOptions(options);
    const { layout, history, appender } = this.#parts;
    let report = emptyCompactReport(resolved.cutoff);
    const lastMonth = monthOf(resolved.cutoff);
    for (const month of await listMonths(layout.resultsDir, 'dirs')) {
      if (month > lastMonth) break;
      report = addCompactReports(report, await this.#write(() => compactResultsMonth(layout, month, resolved)));
    }
    for (const month of await listMonths(layout.historyDir, 'dirs')) {
      report = addCompactReports(report, await this.#write(() => compactHistoryMonth(layout, history, appender, month)));
    }
    return report;
  }

  /** Waits for queued writes, then releases the lock. Later writes are refused; calling it again is harmless. */
  close(): Promise<void> {
    this.#closing ??= this.#parts.queue.drain().then(() => this.#parts.lock.release());
    return this.#closing;
  }

  #write<T>(step: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error(`store ${this.dir} is closed`));
    return this.#parts.queue.run(step);
  }
}

function checkResults(runId: string, results: readonly RecordedResult[]): void {
  const cases = new Set<string>();
  for (const { runId: owner, result } of results) {
    if (owner !== runId) throw new Error(`cannot record a result of run ${owner} as one of run ${runId}`);
    if (cases.has(result.caseId)) throw new Error(`run ${runId} has two results for case ${result.caseId}`);
    cases.add(result.caseId);
  }
}
