// A fuzz run's record, stored before any worker starts: with its plan (the
// seeds) on it, a killed run is still reproducible.
import type { Run, Trigger } from '../../engine/model.js';
import type { FuzzRunRecord } from './fuzz-run-record.js';
import { newRunId } from '../../engine/run-id.js';
import type { Store } from '../../engine/store/store.js';

export interface FuzzRunFields {
  commit: string | null;
  dirty: boolean;
  machine: string;
  trigger: Trigger;
  fuzz: FuzzRunRecord;
}

export async function beginFuzzRun(store: Store, fields: FuzzRunFields): Promise<Run> {
  const run: Run = { id: newRunId(), mode: 'fuzz', ...fields, startedAt: new Date().toISOString(), finishedAt: null, environment: 'ok' };
  await store.beginRun(run);
  return run;
}

/** Records the run as finished with what it did. */
export async function finishFuzzRun(store: Store, run: Run, fuzz: FuzzRunRecord): Promise<Run> {
  const finished: Run = { ...run, finishedAt: new Date().toISOString(), fuzz };
  await store.finishRun(run.id, { finishedAt: finished.finishedAt, environment: finished.environment, fuzz });
  return finished;
}
