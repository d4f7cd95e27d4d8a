// What the engine needs from a store. `openStore` (lowdb on disk) is the
// embedded implementation; the engine depends on this interface only. Every
// method is async, even where lowdb answers from memory, so a store backed by
// a database server honours the same contract.
import type { Alert, AlertDelivery, AlertState, AuditEvent, Baseline, Culprit, Finding, FindingReport, FindingState, Job, RecordedResult, Run, Schedule, Sighting, Verdict, WatchCursor } from '../model.js';

/** One line of a case's history: small enough to read a year of it quickly. */
export interface HistoryEntry {
  runId: string;
  commit: string | null;
  machine: string;
  /** The result's `recordedAt`, as UTC ISO. */
  at: string;
  state: 'ok' | 'errored';
  median?: number;
  cv?: number;
  n?: number;
  unit?: string;
  verdict?: Verdict;
  inWindow: boolean;
}

/**
 * Which of a case's history entries to read. A year of a busy case is ~18 000
 * entries: readers that need a few runs around some instants (a diff report)
 * ask for those, and a store reads no more than it must to answer.
 */
export interface HistoryQuery {
  /** Only this machine's entries. */
  machine?: string;
  /** Only entries at or after this instant (any form `Date.parse` reads). */
  since?: string;
  /** Only entries at or before this instant. */
  until?: string;
  /** At most this many of the selected entries: the newest, or the oldest with `oldest`. */
  limit?: number;
  /** With `limit`, keep the oldest entries rather than the newest. */
  oldest?: boolean;
}

/** What finishing a run records; a fuzz run also replaces its `fuzz` record (plan plus what each property did). */
export type RunFinish = Pick<Run, 'finishedAt' | 'environment'> & Partial<Pick<Run, 'fuzz'>>;

/** Facts that come with a state change: an investigation's note, where a fixed alert was measured fixed. */
export type AlertStatePatch = Partial<Pick<Alert, 'investigation' | 'fixedIn'>>;

export type Transition =
  | { ok: true; alert: Alert }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'wrong-state'; alert: Alert };

export type FindingTransition =
  | { ok: true; finding: Finding }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'wrong-state'; finding: Finding };

/** What recording a finding did: a new one, another sighting of a known one, or the return of a fixed one. */
export interface FindingSighting {
  outcome: 'new' | 'seen' | 'regressed';
  finding: Finding;
}

export interface Store {
  readonly dir: string;

  /** Records a run as started (finishedAt null). A run whose finishedAt is still null after a restart was interrupted. */
  beginRun(run: Run): Promise<void>;
  /** Stores the run's full results (with samples) and appends one history entry per case. Once per run. */
  recordResults(runId: string, results: RecordedResult[]): Promise<void>;
  finishRun(runId: string, patch: RunFinish): Promise<void>;
  getRun(runId: string): Promise<Run | undefined>;
  /** Newest first. */
  listRuns(options?: { limit?: number }): Promise<Run[]>;
  /** Full results of one run, with samples. */
  runResults(runId: string): Promise<RecordedResult[]>;

  /** Oldest first: the entries `query` selects (all of the case's by default). */
  history(caseId: string, query?: HistoryQuery): Promise<HistoryEntry[]>;

  getBaseline(caseId: string, machine: string): Promise<Baseline | undefined>;
  listBaselines(machine?: string): Promise<Baseline[]>;
  /** Replaces the case's baseline on that machine; the previous one stays in `baselineHistory`. Audited. */
  acceptBaseline(baseline: Baseline): Promise<void>;
  /** Every baseline accepted for the case on the machine, oldest first; the current one is last. */
  baselineHistory(caseId: string, machine: string): Promise<Baseline[]>;

  addAlert(alert: Alert): Promise<void>;
  getAlert(id: string): Promise<Alert | undefined>;
  listAlerts(options?: { state?: AlertState }): Promise<Alert[]>;
  /** Atomic: moves the alert to `to` only if its state is one of `from`. */
  transitionAlert(id: string, from: readonly AlertState[], to: AlertState, by: string, patch?: AlertStatePatch): Promise<Transition>;
  /** Records the commit a bisection pinned the alert on; its state is not touched. */
  setAlertCulprit(id: string, culprit: Culprit): Promise<Alert | undefined>;
  /** Records the outbox's delivery state of an alert; its state is not touched. */
  setAlertDelivery(id: string, delivery: AlertDelivery): Promise<Alert | undefined>;
  /**
   * Atomic, across processes: the alert's post becomes `by`'s to make for
   * `leaseMs` (delivery `posting`), if nobody posted it, nobody gave up on it
   * and nobody else holds an unexpired claim. The claimed alert, or undefined.
   */
  claimAlertDelivery(id: string, by: string, leaseMs: number): Promise<Alert | undefined>;

  /** Deduplicates by mode × signature: a known signature counts a sighting; a fixed one comes back `regressed`. */
  recordFinding(report: FindingReport, seen: Sighting): Promise<FindingSighting>;
  getFinding(id: string): Promise<Finding | undefined>;
  /** In discovery order. */
  listFindings(filter?: { state?: FindingState; mode?: Finding['mode']; caseId?: string }): Promise<Finding[]>;
  /** Atomic: moves the finding to `to` only if its state is one of `from`. */
  transitionFinding(id: string, from: readonly FindingState[], to: FindingState, by: string, patch?: Partial<Pick<Finding, 'fixedIn' | 'flaky'>>): Promise<FindingTransition>;
  setFindingFlaky(id: string, flaky: boolean): Promise<Finding | undefined>;
  /** A run of the finding's case that did not see it; after `fixedAfter` in a row it is `fixed` at `seen`. */
  countCleanRun(id: string, seen: Sighting, fixedAfter: number): Promise<Finding | undefined>;

  listSchedules(): Promise<Schedule[]>;
  addSchedule(schedule: Schedule): Promise<void>;
  /** The removed schedule, or undefined when no schedule has that id. */
  removeSchedule(id: string): Promise<Schedule | undefined>;

  /** The persisted job queue (see `JobQueue`). */
  listJobs(): Promise<Job[]>;
  putJob(job: Job, keepFinished: number): Promise<void>;

  /** The last commit taken in from a watched branch. */
  getCursor(repo: string, branch: string): Promise<WatchCursor | undefined>;
  setCursor(cursor: WatchCursor): Promise<void>;

  audit(event: AuditEvent): Promise<void>;
  /** Newest first. */
  listAudit(options?: { limit?: number }): Promise<AuditEvent[]>;

  /** Flushes nothing (every write is already on disk) and releases the lock. */
  close(): Promise<void>;
}
