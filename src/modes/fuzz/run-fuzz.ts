// A fuzz run, end to end: list the properties, store the seeds (before any
// worker starts, so even a killed worker is reproducible), replay the known
// findings, fuzz each property on every worker for its share of the budget,
// and record the findings — one alert for what is new or back.
import type { NewRunOptions } from '../../engine/new-run.js';
import { raiseFindingAlert, recordSightings } from '../../engine/alert/finding-alerts.js';
import { ErrorCode } from '../../engine/errors.js';
import type { Alert, CaseError, FindingReport, Run } from '../../engine/model.js';
import type { FuzzCaseStats, FuzzTaskPlan } from './fuzz-run-record.js';
import { beginFuzzRun, finishFuzzRun } from './begin-fuzz-run.js';
import type { FindingSighting, Store } from '../../engine/store/store.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import { dirname } from 'node:path';
import type { SuiteError } from '../bench/list-cases.js';
import { failureReport, workerEndReport } from './finding-report.js';
import { newCells } from './fuzz-cells.js';
import { FuzzPool, type PoolOutcome } from './fuzz-pool.js';
import { listProperties, type PropertyRef } from './list-properties.js';
import { replayFindings, replayRecords, type ReplayOutcome } from './replay-findings.js';
import { newSeed } from './seeds.js';

/** The whole run's fuzzing time when nobody says, ms. */
export const DEFAULT_FUZZ_BUDGET_MS = 60_000;
/** Room to import the suite and finish the last input on top of a task's budget, ms. */
const TASK_ALLOWANCE_MS = 60_000;

export type FuzzProgress =
  | { type: 'listed'; properties: number; suiteErrors: number }
  | { type: 'replayed'; outcomes: ReplayOutcome[] }
  | { type: 'property-start'; caseId: string; index: number; total: number; budgetMs: number }
  | { type: 'property-done'; stats: FuzzCaseStats };

/** Machine, trigger, checkout and commit: what every run records (see `newRun`). */
export interface RunFuzzOptions extends Omit<NewRunOptions, 'mode'> {
  suitesDir: string;
  filter: CaseFilter;
  store: Store;
  /** Fuzzing time of the whole run, split evenly over the properties (a property's own `budget` caps its share), ms. Default 60 s. */
  budgetMs?: number;
  /** The pool to fuzz in; one of `workers` threads is made (and closed) when absent. */
  pool?: FuzzPool;
  /** Threads of the pool made when `pool` is absent. Default `os.availableParallelism()`. */
  workers?: number;
  /** Clean replays in a row that make a known finding fixed. Default 3. */
  replayRepeats?: number;
  onProgress?: (event: FuzzProgress) => void;
  signal?: AbortSignal;
}

export interface FuzzReport {
  run: Run;
  cases: FuzzCaseStats[];
  /** Every sighting recorded by this run (a finding seen by two workers appears twice). */
  sightings: FindingSighting[];
  replays: ReplayOutcome[];
  suiteErrors: SuiteError[];
  /** Stored, not yet delivered: set when something is new or came back. */
  alert?: Alert;
}

export async function runFuzz(options: RunFuzzOptions): Promise<FuzzReport> {
  const pool = options.pool ?? new FuzzPool(options.workers !== undefined ? { workers: options.workers } : {});
  try {
    return await fuzzIn(pool, options);
  } finally {
    if (!options.pool) await pool.close();
  }
}

async function fuzzIn(pool: FuzzPool, options: RunFuzzOptions): Promise<FuzzReport> {
  const { store, signal } = options;
  const budgetMs = options.budgetMs ?? DEFAULT_FUZZ_BUDGET_MS;
  if (!(budgetMs > 0)) throw new RangeError(`the fuzz budget must be a positive number of ms, got ${budgetMs}`);
  const listing = await listProperties(pool, options.suitesDir, options.filter, signal);
  options.onProgress?.({ type: 'listed', properties: listing.properties.length, suiteErrors: listing.suiteErrors.length });

  const runnable = listing.properties.filter((p) => !p.error);
  const share = budgetMs / Math.max(1, runnable.length);
  const budgets = new Map(runnable.map((p) => [p.id, Math.max(1, Math.round(Math.min(share, p.budgetMs ?? share)))]));
  const tasks: FuzzTaskPlan[] = runnable.flatMap((p) =>
    Array.from({ length: pool.workers }, (_, worker) => ({ caseId: p.id, worker, seed: newSeed(), budgetMs: budgets.get(p.id) ?? share })),
  );
  const run = await beginFuzzRun(store, {
    commit: options.commit ?? options.checkout?.commit ?? null,
    dirty: options.checkout?.dirty ?? false,
    machine: options.machine,
    trigger: options.trigger,
    fuzz: { budgetMs, workers: pool.workers, tasks },
  });

  const { outcomes: replays, returned } = await replayFindings({
    store,
    pool,
    properties: runnable,
    run,
    ...(options.replayRepeats !== undefined ? { repeats: options.replayRepeats } : {}),
    ...(signal ? { signal } : {}),
  });
  options.onProgress?.({ type: 'replayed', outcomes: replays });

  const root = dirname(options.suitesDir);
  const cases: FuzzCaseStats[] = listing.properties.filter((p) => p.error).map((p) => erroredStats(p.id, p.error ?? unknownError()));
  // Recorded property by property: a perflab killed mid-run keeps what it found so far.
  const sightings = await recordSightings(store, run, returned);
  for (const [index, property] of runnable.entries()) {
    if (signal?.aborted) break;
    const plans = tasks.filter((t) => t.caseId === property.id);
    options.onProgress?.({ type: 'property-start', caseId: property.id, index, total: runnable.length, budgetMs: budgets.get(property.id) ?? share });
    const started = Date.now();
    const done = await Promise.all(plans.map((plan) => fuzzTask(pool, property, plan, root, signal)));
    const stats = summarize(property.id, plans, done, Date.now() - started);
    sightings.push(...(await recordSightings(store, run, done.flatMap((d) => (d.report ? [d.report] : [])))));
    cases.push(stats);
    options.onProgress?.({ type: 'property-done', stats });
  }

  const alert = await raiseFindingAlert(store, run, sightings);
  const finished = await finishFuzzRun(store, run, { budgetMs, workers: pool.workers, tasks, cases, replays: replayRecords(replays) });
  return { run: finished, cases, sightings, replays, suiteErrors: listing.suiteErrors, ...(alert ? { alert } : {}) };
}

/** What one worker's task came to. */
interface TaskDone {
  state: FuzzCaseStats['state'];
  inputs: number;
  executions: number;
  /** Worker time, ms. */
  elapsedMs: number;
  report?: FindingReport;
  error?: CaseError;
}

async function fuzzTask(pool: FuzzPool, property: PropertyRef, plan: FuzzTaskPlan, root: string, signal?: AbortSignal): Promise<TaskDone> {
  const cells = newCells();
  const started = Date.now();
  const outcome = await pool.run(
    { type: 'fuzz', file: property.file, caseName: property.name, seed: plan.seed, budgetMs: plan.budgetMs, cells, ...property.settings },
    { hangMs: property.settings.timeoutMs, deadlineMs: plan.budgetMs + property.settings.timeoutMs + TASK_ALLOWANCE_MS, ...(signal ? { signal } : {}) },
  );
  return taskDone(property, outcome, Date.now() - started, root);
}

function taskDone(property: PropertyRef, outcome: PoolOutcome, elapsedMs: number, root: string): TaskDone {
  if (!outcome.ok) {
    const counts = { inputs: outcome.cells?.inputs ?? 0, executions: outcome.cells?.executions ?? 0, elapsedMs };
    if (outcome.end === 'cancelled') return { state: 'cancelled', ...counts };
    if (outcome.end === 'timeout' || !outcome.cells) return { state: 'errored', ...counts, error: { code: ErrorCode.CaseTimeout, message: outcome.message } };
    // Stuck inside an arbitrary (a filter that rejects everything loops for ever): the suite's mistake, not a bug found.
    if (outcome.end === 'hang' && outcome.cells.phase === 'generating') {
      return { state: 'errored', ...counts, error: { code: ErrorCode.CannotGenerate, message: `fuzz "${property.name}": generating one value took longer than ${property.settings.timeoutMs} ms (a filter that rejects everything?)` } };
    }
    return { state: 'failed', ...counts, report: workerEndReport(property.id, outcome.end, outcome.message, outcome.cells) };
  }
  const reply = outcome.reply;
  if (!reply.ok) return { state: 'errored', inputs: 0, executions: 0, elapsedMs, error: reply.error };
  if (reply.type !== 'fuzz') return { state: 'errored', inputs: 0, executions: 0, elapsedMs, error: unknownError() };
  const r = reply.reply;
  const counts = { inputs: r.inputs, executions: r.executions, elapsedMs: r.elapsedMs };
  if (r.state === 'errored') return { state: 'errored', ...counts, error: r.error };
  if (r.state === 'failed') return { state: 'failed', ...counts, report: failureReport(property.id, r.failure, root) };
  return { state: r.stopped ? 'cancelled' : 'passed', ...counts };
}

function summarize(caseId: string, plans: readonly FuzzTaskPlan[], done: readonly TaskDone[], wallMs: number): FuzzCaseStats {
  const sum = (f: (d: TaskDone) => number) => done.reduce((total, d) => total + f(d), 0);
  const planned = plans.reduce((total, p) => total + p.budgetMs, 0);
  const used = done.reduce((total, d, i) => total + Math.min(d.elapsedMs, plans[i]?.budgetMs ?? 0), 0);
  const executions = sum((d) => d.executions);
  const findings = done.filter((d) => d.report).length;
  const error = done.find((d) => d.error)?.error;
  const state: FuzzCaseStats['state'] = findings > 0 ? 'failed' : error ? 'errored' : done.some((d) => d.state === 'cancelled') ? 'cancelled' : 'passed';
  return {
    caseId,
    state,
    inputs: sum((d) => d.inputs),
    executions,
    elapsedMs: wallMs,
    executionsPerSecond: wallMs > 0 ? (executions * 1000) / wallMs : 0,
    budgetCoverage: planned > 0 ? used / planned : 0,
    findings,
    ...(error ? { error } : {}),
  };
}

function erroredStats(caseId: string, error: CaseError): FuzzCaseStats {
  return { caseId, state: 'errored', inputs: 0, executions: 0, elapsedMs: 0, executionsPerSecond: 0, budgetCoverage: 0, findings: 0, error };
}

function unknownError(): CaseError {
  return { code: ErrorCode.CaseThrew, message: 'the worker gave an unexpected reply' };
}
