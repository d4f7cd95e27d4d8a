// The one place that says how a worker's end reads as a case error: which
// code (errors.ts) and what a person can act on. Every mode's pool gets its
// failures from here (DESIGN §11: a suite that throws, hangs, exhausts
// memory, exits the process or leaks an unhandled rejection fails that case
// with a clear reason).
import { ErrorCode } from '../errors.js';
import type { CaseError } from '../model.js';
import { thrownLine, type ThrownValue } from './thrown-value.js';

export type WorkerEnd =
  /** Reported by the worker host: the task's promise rejected, or something threw or rejected outside it. */
  | { how: 'threw' | 'uncaught-exception' | 'unhandled-rejection'; error: ThrownValue }
  /** The Worker's own 'error' event: out of memory, or the worker could not start. */
  | { how: 'worker-error'; error: Error & { code?: string } }
  /** The worker exited before it answered. */
  | { how: 'exit'; code: number }
  | { how: 'timeout'; timeoutMs: number; hint?: string }
  /** The caller's AbortSignal: cancelled, or stopped for a reason the caller knows (a hang). */
  | { how: 'aborted' };

export function classifyWorkerEnd(end: WorkerEnd): CaseError {
  switch (end.how) {
    case 'threw':
      return { code: ErrorCode.CaseThrew, message: `the task threw ${thrownLine(end.error)}` };
    case 'uncaught-exception':
      return { code: ErrorCode.CaseThrew, message: `uncaught exception: ${thrownLine(end.error)}` };
    case 'unhandled-rejection':
      return { code: ErrorCode.CaseUnhandledRejection, message: `unhandled promise rejection: ${thrownLine(end.error)}` };
    case 'worker-error':
      if (end.error.code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: ErrorCode.CaseOutOfMemory, message: `the worker ran out of memory: ${end.error.message}` };
      return { code: ErrorCode.CaseThrew, message: `the worker failed: ${thrownLine(end.error)}` };
    case 'exit':
      // Code 0 is also a worker with nothing left to do: a promise that never settles.
      if (end.code === 0) return { code: ErrorCode.CaseExited, message: 'the worker exited (exit code 0) before it answered: process.exit(0), or a promise that never settles' };
      return { code: ErrorCode.CaseExited, message: `process.exit(${end.code}) ended the worker before it answered (exit code ${end.code})` };
    case 'timeout':
      return { code: ErrorCode.CaseTimeout, message: `timed out after ${end.timeoutMs} ms${end.hint ? ` (${end.hint})` : ''}` };
    case 'aborted':
      return { code: ErrorCode.Cancelled, message: 'cancelled' };
  }
}
