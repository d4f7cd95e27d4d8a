// What the engine needs from a store. `openStore` (lowdb on disk) is the
// embedded implementation; the engine depends on this interface only.
import type { Alert, AlertDelivery, AlertState, AuditEvent, Baseline, RecordedResult, Run, Verdict } from '../model.js';

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

export type Transition =
  | { ok: true; alert: Alert }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'wrong-state'; alert: Alert };

export interface Store {
  readonly dir: string;

  /** Records a run as started (finishedAt null). A run whose finishedAt is still null after a restart was interrupted. */
  beginRun(run: Run): Promise<void>;
  /** Stores the run's full results (with samples) and appends one history entry per case. Once per run. */
  recordResults(runId: string, results: RecordedResult[]): Promise<void>;
  finishRun(runId: string, patch: Pick<Run, 'finishedAt' | 'environment'>): Promise<void>;
  getRun(runId: string): Run | undefined;
  /** Newest first. */
  listRuns(options?: { limit?: number }): Run[];
  /** Full results of one run, with samples. */
  runResults(runId: string): Promise<RecordedResult[]>;

  /** Oldest first. `limit` keeps the newest `limit` entries. */
  history(caseId: string, options?: { machine?: string; limit?: number; since?: string }): Promise<HistoryEntry[]>;

  getBaseline(caseId: string, machine: string): Baseline | undefined;
  listBaselines(machine?: string): Baseline[];
  /** Replaces the case's baseline on that machine; the previous one stays in `baselineHistory`. Audited. */
  acceptBaseline(baseline: Baseline): Promise<void>;
  /** Every baseline accepted for the case on the machine, oldest first; the current one is last. */
  baselineHistory(caseId: string, machine: string): Baseline[];

  addAlert(alert: Alert): Promise<void>;
  getAlert(id: string): Alert | undefined;
  listAlerts(options?: { state?: AlertState }): Alert[];
  /** Atomic: moves the alert to `to` only if its state is one of `from`. */
  transitionAlert(id: string, from: readonly AlertState[], to: AlertState, by: string, patch?: Pick<Alert, 'investigation'>): Promise<Transition>;
  /** Records the outbox's delivery state of an alert; its state is not touched. */
  setAlertDelivery(id: string, delivery: AlertDelivery): Promise<Alert | undefined>;

  audit(event: AuditEvent): Promise<void>;
  /** Newest first. */
  listAudit(options?: { limit?: number }): AuditEvent[];

  /** Flushes nothing (every write is already on disk) and releases the lock. */
  close(): Promise<void>;
}
