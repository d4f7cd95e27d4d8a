// A fuzz run's record (DESIGN §7): the seeds of every worker, stored before
// any worker starts so a killed one is reproducible, and what each property
// did. A fuzz run carries it as `fuzz`.
import type { CaseError } from '../../engine/model/result.js';

/** One worker's share of one fuzz property: stored before it starts, so a killed worker is reproducible. */
export interface FuzzTaskPlan {
  caseId: string;
  worker: number;
  /** fast-check seed of the task's first chunk; chunk k uses `chunkSeed(seed, k)`. */
  seed: number;
  budgetMs: number;
}

/** What one fuzz property did in one run, over all its workers. */
export interface FuzzCaseStats {
  caseId: string;
  /** `failed`: at least one finding; `errored`: the property could not run (see `error`). */
  state: 'passed' | 'failed' | 'errored' | 'cancelled';
  /** Inputs generated and checked (fast-check's runs, over all workers). */
  inputs: number;
  /** Every call of the predicate, shrinking included. */
  executions: number;
  /** Wall time of the property's turn (its workers run side by side), ms. */
  elapsedMs: number;
  executionsPerSecond: number;
  /** Worker time used / worker time planned, 0…1 (a failure or an error ends a worker early). */
  budgetCoverage: number;
  findings: number;
  error?: CaseError;
}

export interface FuzzRunRecord {
  budgetMs: number;
  workers: number;
  tasks: FuzzTaskPlan[];
  /** Known findings replayed before fuzzing: how each replay went. */
  replays?: { findingId: string; reproduced: number; attempts: number }[];
  /** Set when the run finished. */
  cases?: FuzzCaseStats[];
}

declare module '../../engine/model/run.js' {
  interface ModeRunDetail {
    /** Fuzz runs: the seeds (stored before any worker starts) and, once finished, what each property did. */
    fuzz: FuzzRunRecord;
  }
}
