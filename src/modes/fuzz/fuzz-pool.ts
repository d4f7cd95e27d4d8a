// Up to N fuzz tasks side by side (unlike benchmarks, which run one at a
// time), each in a fresh worker (engine/pool/run-in-fresh-worker.ts). The
// worker is the unit of isolation: fast-check's `timeout` cannot stop
// synchronous code, so a watchdog reads the task's shared cells and, when an
// input stops the heartbeat, aborts the task — which terminates its worker
// (DESIGN §7).
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { runInFreshWorker } from '../../engine/pool/run-in-fresh-worker.js';
import { compileSuite, type SuiteModule } from '../../engine/suite/compile-suite.js';
import { listSuites, type SuiteListing } from '../../engine/suite/list-suites.js';
import { readCells, requestStop, type CellsSnapshot } from './fuzz-cells.js';
import type { FuzzTaskInWorker, FuzzWorkerReply, FuzzWorkerTask } from './fuzz-task.js';

export const FUZZ_WORKER_FILE = new URL('./worker.ts', import.meta.url).href;

export interface FuzzPoolOptions {
  /** Tasks side by side. Default: `os.availableParallelism()`. */
  workers?: number;
  /** Heap limits of each worker. Default: 1024 MB old generation; an input that needs more is an `oom` finding. */
  resourceLimits?: ResourceLimits;
}

/** How a task ended without a reply: its worker was terminated, or died. */
export type WorkerEnd = 'hang' | 'oom' | 'crash' | 'timeout' | 'cancelled';

export type PoolOutcome = { ok: true; reply: FuzzWorkerReply } | { ok: false; end: WorkerEnd; message: string; cells: CellsSnapshot | null };

export interface RunTaskOptions {
  /** An input that stops the heartbeat this long is a hang, ms. */
  hangMs?: number;
  /** The whole task (suite import included) ends after this long, ms. */
  deadlineMs: number;
  signal?: AbortSignal;
}

/** Async inputs have fast-check's own `timeout`; the watchdog gives it this long to act first, ms. */
const ASYNC_GRACE_MS = 1000;
/** After a stop request, a worker may finish its chunk (and report what it found) for this long, ms. */
const STOP_GRACE_MS = 3000;
const POLL_MS = 100;

export class FuzzPool {
  readonly workers: number;
  readonly #resourceLimits: ResourceLimits;
  /** The environment as it was when the pool was made: every worker of the pool sees the same one. */
  readonly #env: NodeJS.ProcessEnv = { ...process.env };
  readonly #running = new Set<AbortController>();
  readonly #waiting: (() => void)[] = [];
  #busy = 0;

  constructor(options: FuzzPoolOptions = {}) {
    this.workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(this.workers) || this.workers < 1) throw new RangeError(`workers must be a positive whole number, got ${options.workers}`);
    this.#resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 1024 };
  }

  /** The suites of a directory, for `listProperties` to filter; listed in the pool's environment. */
  listSuites(suitesDir: string, signal?: AbortSignal): Promise<SuiteListing> {
    return this.#slot(() => listSuites(suitesDir, { env: this.#env, ...(signal ? { signal } : {}) }));
  }

  /** Runs `task` in a fresh worker once one of the pool's slots is free. */
  run(task: FuzzWorkerTask, options: RunTaskOptions): Promise<PoolOutcome> {
    return this.#slot(() => this.#runNow(task, options));
  }

  /** Stops every running task (their workers end); the pool can still run new ones. */
  async close(): Promise<void> {
    for (const abort of this.#running) abort.abort();
  }

  async #runNow(task: FuzzWorkerTask, options: RunTaskOptions): Promise<PoolOutcome> {
    let suite: SuiteModule;
    try {
      suite = await compileSuite(task.file);
    } catch (error) {
      if (!(error instanceof PerflabError)) throw error;
      return { ok: true, reply: { ok: false, error: { code: error.code, message: error.message } } };
    }
    const cells = task.cells;
    const abort = new AbortController();
    let end: WorkerEnd | undefined;
    const stop = (why: WorkerEnd): void => {
      end ??= why;
      abort.abort();
    };
    const timers: NodeJS.Timeout[] = [];
    if (options.hangMs !== undefined) timers.push(watchHeartbeat(cells, options.hangMs, () => stop('hang')));
    const onCancel = (): void => {
      requestStop(cells);
      timers.push(setTimeout(() => stop('cancelled'), STOP_GRACE_MS));
    };
    if (options.signal?.aborted) onCancel();
    else options.signal?.addEventListener('abort', onCancel, { once: true });
    this.#running.add(abort);
    try {
      const outcome = await runInFreshWorker<FuzzWorkerReply>(FUZZ_WORKER_FILE, { ...task, suite } satisfies FuzzTaskInWorker, {
        timeoutMs: options.deadlineMs,
        timeoutHint: 'a suite that hangs while it loads?',
        signal: abort.signal,
        resourceLimits: this.#resourceLimits,
        env: this.#env,
      });
      if (outcome.ok) return { ok: true, reply: outcome.value };
      const snapshot = readCells(cells);
      if (end) return { ok: false, end, message: endMessage(end, options), cells: snapshot };
      return { ok: false, end: endOf(outcome.error), message: outcome.error.message, cells: snapshot };
    } finally {
      this.#running.delete(abort);
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onCancel);
    }
  }

  async #slot<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#busy >= this.workers) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy++;
    try {
      return await fn();
    } finally {
      this.#busy--;
      this.#waiting.shift()?.();
    }
  }
}

/** Calls `onHang` once an input has kept the heartbeat still for `hangMs` (async inputs get a grace). */
function watchHeartbeat(cells: SharedArrayBuffer, hangMs: number, onHang: () => void): NodeJS.Timeout {
  let beat = readCells(cells).beat;
  let since = Date.now();
  const timer = setInterval(() => {
    const now = readCells(cells);
    if (now.beat !== beat || now.phase === 'idle') {
      beat = now.beat;
      since = Date.now();
      return;
    }
    if (Date.now() - since >= hangMs + (now.async ? ASYNC_GRACE_MS : 0)) {
      clearInterval(timer);
      onHang();
    }
  }, Math.min(POLL_MS, Math.max(10, hangMs / 4)));
  return timer;
}

/** How the one classifier's verdict (engine/pool/classify-worker-end.ts) reads for a fuzz task. */
function endOf(error: CaseError): WorkerEnd {
  if (error.code === ErrorCode.CaseTimeout) return 'timeout';
  if (error.code === ErrorCode.CaseOutOfMemory) return 'oom';
  if (error.code === ErrorCode.Cancelled) return 'cancelled';
  return 'crash';
}

function endMessage(end: WorkerEnd, options: RunTaskOptions): string {
  return end === 'hang' ? `one input ran longer than ${options.hangMs} ms; its worker was terminated and replaced` : 'cancelled';
}
