// N worker threads that fuzz side by side (unlike benchmarks, which run one
// at a time). The worker is the unit of isolation: fast-check's `timeout`
// cannot stop synchronous code, so a watchdog reads the task's shared cells
// and, when an input stops the heartbeat, aborts the task — piscina then
// terminates that worker and starts a fresh one (DESIGN §7, §12).
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LOADERS } from '../../engine/pool/exclusive-pool.js';
import { readCells, requestStop, type CellsSnapshot } from './fuzz-cells.js';
import type { FuzzWorkerReply, FuzzWorkerTask } from './fuzz-task.js';

export const FUZZ_WORKER_FILE = new URL('./worker.ts', import.meta.url).href;

export interface FuzzPoolOptions {
  /** Worker threads. Default: `os.availableParallelism()`. */
  workers?: number;
  /** Heap limits of each worker. Default: 1024 MB old generation; an input that needs more is an `oom` finding. */
  resourceLimits?: ResourceLimits;
}

/** How a task ended without a reply: its worker was terminated (or died) and replaced. */
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
  readonly #pool: Piscina;
  /** Errors of workers outside any task; kept so they never crash perflab. */
  readonly workerErrors: Error[] = [];

  constructor(options: FuzzPoolOptions = {}) {
    this.workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(this.workers) || this.workers < 1) throw new RangeError(`workers must be a positive whole number, got ${options.workers}`);
    this.#pool = new Piscina({
      filename: FUZZ_WORKER_FILE,
      minThreads: this.workers,
      maxThreads: this.workers,
      resourceLimits: options.resourceLimits ?? { maxOldGenerationSizeMb: 1024 },
      execArgv: ['--import', LOADERS],
    });
    this.#pool.on('error', (error: Error) => {
      this.workerErrors.push(error);
    });
  }

  async run(task: FuzzWorkerTask, options: RunTaskOptions): Promise<PoolOutcome> {
    const cells = 'cells' in task ? task.cells : null;
    const abort = new AbortController();
    let end: WorkerEnd | undefined;
    const stop = (why: WorkerEnd): void => {
      end ??= why;
      abort.abort();
    };
    const timers: NodeJS.Timeout[] = [setTimeout(() => stop('timeout'), options.deadlineMs)];
    if (cells && options.hangMs !== undefined) timers.push(watchHeartbeat(cells, options.hangMs, () => stop('hang')));
    const onCancel = (): void => {
      if (!cells) return stop('cancelled');
      requestStop(cells);
      timers.push(setTimeout(() => stop('cancelled'), STOP_GRACE_MS));
    };
    if (options.signal?.aborted) onCancel();
    else options.signal?.addEventListener('abort', onCancel, { once: true });
    try {
      const reply = (await this.#pool.run(task, { signal: abort.signal })) as FuzzWorkerReply;
      return { ok: true, reply };
    } catch (error) {
      const snapshot = cells ? readCells(cells) : null;
      if (end) return { ok: false, end, message: endMessage(end, options), cells: snapshot };
      const e = error as { code?: string; message?: string };
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, end: 'oom', message: `the worker ran out of memory: ${e.message ?? ''}`.trim(), cells: snapshot };
      return { ok: false, end: 'crash', message: `the worker died: ${e.message ?? String(error)}`, cells: snapshot };
    } finally {
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onCancel);
    }
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
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

function endMessage(end: WorkerEnd, options: RunTaskOptions): string {
  switch (end) {
    case 'hang':
      return `one input ran longer than ${options.hangMs} ms; its worker was terminated and replaced`;
    case 'timeout':
      return `the task did not finish within ${options.deadlineMs} ms (a suite that hangs while it loads?)`;
    default:
      return 'cancelled';
  }
}
