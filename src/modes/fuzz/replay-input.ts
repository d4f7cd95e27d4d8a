// Runs one stored input again — a finding's seed and path — in the fuzz pool,
// under the same watchdog as fuzzing, and says whether it still fails. A hang,
// an out-of-memory or a crash on replay counts as failing: the input is still
// broken, even if differently.
import { ErrorCode } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { newCells } from './fuzz-cells.js';
import type { FuzzPool } from './fuzz-pool.js';
import type { Failure } from './fuzz-task.js';
import type { PropertyRef } from './list-properties.js';

export interface StoredInput {
  seed: number;
  path: string;
  replayPath?: string;
}

export type ReplayResult =
  | { state: 'reproduced'; failure?: Failure; message: string }
  | { state: 'passed' }
  /** The replay could not run (the property no longer builds, the suite does not load): it says nothing either way. */
  | { state: 'errored'; error: CaseError };

/** Room to import the suite on top of the input's own time, ms. */
const LOAD_ALLOWANCE_MS = 60_000;

export async function replayInput(pool: FuzzPool, property: PropertyRef, input: StoredInput, signal?: AbortSignal): Promise<ReplayResult> {
  const { timeoutMs } = property.settings;
  const outcome = await pool.run(
    { type: 'replay', file: property.file, caseName: property.name, ...input, ...property.settings, cells: newCells() },
    { hangMs: timeoutMs, deadlineMs: timeoutMs + LOAD_ALLOWANCE_MS, ...(signal ? { signal } : {}) },
  );
  if (!outcome.ok) {
    if (outcome.end === 'cancelled' || outcome.end === 'timeout') return { state: 'errored', error: { code: ErrorCode.Cancelled, message: outcome.message } };
    return { state: 'reproduced', message: `${outcome.end}: ${outcome.message}` };
  }
  const reply = outcome.reply;
  if (!reply.ok) return { state: 'errored', error: reply.error };
  if (reply.type !== 'replay') return { state: 'errored', error: { code: ErrorCode.CaseThrew, message: `unexpected worker reply ${reply.type}` } };
  const r = reply.reply;
  if (r.state === 'errored') return { state: 'errored', error: r.error };
  if (r.state === 'passed') return { state: 'passed' };
  return { state: 'reproduced', failure: r.failure, message: `${r.failure.error.name}: ${r.failure.error.message}` };
}

/** A finding's seed and path, when its detail has them. */
export function storedInput(detail: Record<string, unknown>): StoredInput | null {
  const { seed, path, replayPath } = detail;
  if (typeof seed !== 'number' || typeof path !== 'string') return null;
  return { seed, path, ...(typeof replayPath === 'string' ? { replayPath } : {}) };
}
