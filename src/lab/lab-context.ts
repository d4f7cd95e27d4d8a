// What a job kind is given to do its work: the store and this machine, the
// benchmark pool and run-wide overrides, and ways to report progress, audit,
// queue follow-up work and hand alerts to the outbox. Only job kinds see it;
// edges talk to the `Lab` facade.
import type { Alert, Trigger } from '../engine/model.js';
import type { Notifier } from '../engine/alert/notifier.js';
import type { Outbox } from '../engine/alert/outbox.js';
import type { ExclusivePool } from '../engine/pool/exclusive-pool.js';
import type { Job } from '../engine/model.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { Store } from '../engine/store/store.js';
import type { JobEvent } from './job-event.js';
import type { JobKindName, JobRequest } from './jobs/index.js';
import type { LabDiffReportReads } from './lab-diff-report.js';

export interface LabContext {
  store: Store;
  machine: string;
  /** Absolute path of the suites directory the lab was started on. */
  suitesDir: string;
  pool: ExclusivePool;
  overrides: BenchOptions;
  canary: boolean;
  outbox: Outbox | null;
  /** Where alerts and digests go; null without one (a one-shot CLI command). */
  notifier: Notifier | null;
  /** The lab's read-only queries, for kinds that report on what is stored (the digest). */
  reads: LabDiffReportReads;
  /** Queues follow-up work (a bisection after a regression in a batch). */
  submit<K extends JobKindName>(kind: K, request: JobRequest<K>, trigger: Trigger): Job;
  emit(job: Job, event: JobEvent): void;
  audit(trigger: Trigger, action: string, args: Record<string, unknown>): Promise<void>;
  /** Hands stored alerts to the outbox: new ones are posted, ones closed as fixed are updated where they were posted (a no-op without a notifier: new ones stay pending for the next `perflab serve`). */
  deliver(alerts: readonly Alert[]): void;
  onError(context: string, error: unknown): void;
}
