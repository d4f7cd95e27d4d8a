// What the main thread asks a fuzz worker, and what comes back. Plain data:
// it crosses the thread boundary by structured clone (the cells are shared).
import type { CaseError } from '../../engine/model.js';
import type { ThrownValue } from '../../engine/pool/thrown-value.js';
import type { SuiteModule } from '../../engine/suite/compile-suite.js';
import type { FuzzSize } from '../../engine/suite/fuzz-schema.js';

/** How a property runs: resolved from the suite entry and the run's options. */
export interface PropertySettings {
  /** One input may take this long before it is a hang, ms. */
  timeoutMs: number;
  size?: FuzzSize;
}

export type FuzzWorkerTask =
  | ({ type: 'fuzz'; file: string; caseName: string; seed: number; budgetMs: number; cells: SharedArrayBuffer } & PropertySettings)
  | ({ type: 'replay'; file: string; caseName: string; seed: number; path: string; replayPath?: string; cells: SharedArrayBuffer } & PropertySettings);

/** What the pool sends the worker: the task, with the suite file compiled (FuzzPool does it). */
export type FuzzTaskInWorker = FuzzWorkerTask & { suite: SuiteModule };

/** A thrown value, as text that survives the thread boundary. */
export type ErrorInfo = ThrownValue;

/** A failing input, shrunk: everything needed to replay it. */
export interface Failure {
  /** Seed of the fast-check call that found it. */
  seed: number;
  path: string;
  /** For `fc.commands`: the commands' own replay path (pass it back through `FuzzContext`). */
  replayPath?: string;
  /** `fc.stringify` of the shrunk counterexample. */
  counterexample: string;
  error: ErrorInfo;
  shrinks: number;
}

export interface FuzzCounts {
  /** Values generated. */
  inputs: number;
  /** Predicate calls, shrinking included. */
  executions: number;
  elapsedMs: number;
}

export type FuzzTaskReply = FuzzCounts &
  (
    | { state: 'passed'; stopped: boolean }
    | { state: 'failed'; failure: Failure }
    | { state: 'errored'; error: CaseError }
  );

export type ReplayReply = { state: 'passed' } | { state: 'failed'; failure: Failure } | { state: 'errored'; error: CaseError };

export type FuzzWorkerReply =
  | { ok: true; type: 'fuzz'; reply: FuzzTaskReply }
  | { ok: true; type: 'replay'; reply: ReplayReply }
  | { ok: false; error: CaseError };
