// Runs tasks one at a time, each in a fresh worker thread of its own
// single-thread piscina pool, so no case sees another's JIT state, heap or
// leftovers, and nothing else perflab does runs beside a measurement.
// Whatever happens to the worker — a throw, a hang, out of memory,
// process.exit — comes back as data, and the next task gets a new worker.
import { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import { ErrorCode } from '../errors.js';
import type { CaseError } from '../model.js';

/** Workers that load suites need TypeScript and perflab's own name (see register-loaders.js). */
export const LOADERS = new URL('../suite/register-loaders.js', import.meta.url).href;

export interface ExclusivePoolOptions {
  /** The piscina task file (a URL or path). */
  filename: string;
  /** Heap limits of each worker. Default: 4096 MB old generation. */
  resourceLimits?: ResourceLimits;
}

export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; error: CaseError };

export class ExclusivePool {
  private readonly filename: string;
  private readonly resourceLimits: ResourceLimits;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ExclusivePoolOptions) {
    this.filename = options.filename;
    this.resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 4096 };
  }

  /** Runs `task` in a fresh worker; waits for any earlier task to finish first. */
  run<T>(task: unknown, options: { timeoutMs: number; signal?: AbortSignal }): Promise<TaskOutcome<T>> {
    const next = this.queue.then(() => this.runNow<T>(task, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `fn` exclusively: no worker task runs while it does (command cases use this). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow<T>(task: unknown, options: { timeoutMs: number; signal?: AbortSignal }): Promise<TaskOutcome<T>> {
    const pool = new Piscina({
      filename: this.filename,
      minThreads: 1,
      maxThreads: 1,
      resourceLimits: this.resourceLimits,
      execArgv: ['--import', LOADERS],
    });
    // A worker dying outside a task (e.g. after it) must not crash perflab.
    let poolError: Error | undefined;
    pool.on('error', (error: Error) => {
      poolError ??= error;
    });
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const value = (await pool.run(task, { signal })) as T;
      if (poolError) return { ok: false, error: classify(poolError, options.timeoutMs, timeout) };
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: classify(error, options.timeoutMs, timeout) };
    } finally {
      await pool.destroy();
    }
  }
}

function classify(error: unknown, timeoutMs: number, timeout: AbortSignal): CaseError {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError') {
    if (timeout.aborted) return { code: ErrorCode.CaseTimeout, message: `timed out after ${timeoutMs} ms (raise timeoutMs if the case needs longer)` };
    return { code: ErrorCode.Cancelled, message: 'cancelled' };
  }
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: ErrorCode.CaseOutOfMemory, message: `ran out of memory: ${e.message ?? ''}`.trim() };
  const exited = /worker exited with code: (-?\d+)/.exec(e.message ?? '');
  if (exited) return { code: ErrorCode.CaseExited, message: `the case ended its worker with process.exit(${exited[1]})` };
  return { code: ErrorCode.CaseThrew, message: `worker failed: ${e.message ?? String(error)}` };
}
