// What job handlers outside lab.ts (commits, bisection, stress, fuzz) need
// from the lab: the store and machine, the benchmark pool and overrides, the
// outbox, and a way to queue follow-up work and report progress.
import type { Outbox } from '../engine/alert/outbox.js';
import type { ExclusivePool } from '../engine/pool/exclusive-pool.js';
import type { Job, JobSpec } from '../engine/queue/job-queue.js';
import type { Trigger } from '../engine/model.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { Store } from '../engine/store/store.js';
import type { JobEvent } from './lab.js';

export interface LabContext {
  store: Store;
  machine: string;
  pool: ExclusivePool;
  overrides: BenchOptions;
  canary: boolean;
  outbox: Outbox | null;
  submit(spec: JobSpec): Job;
  emit(job: Job, event: JobEvent): void;
  audit(trigger: Trigger, action: string, args: Record<string, unknown>): Promise<void>;
  onError(context: string, error: unknown): void;
}
