// Runs tasks one at a time, each in a fresh worker thread of its own, so no
// case sees another's JIT state, heap or leftovers, and nothing else perflab
// does runs beside a measurement. Whatever happens to the worker — a throw,
// a hang, out of memory, process.exit — comes back as data, and the next
// task gets a new worker.
import type { ResourceLimits } from 'node:worker_threads';
import { runInFreshWorker, type WorkerOutcome } from './run-in-fresh-worker.js';

export interface ExclusivePoolOptions {
  /** The task file (a URL or path): its default export takes a task and returns the reply. */
  filename: string;
  /** Heap limits of each worker. Default: 4096 MB old generation. */
  resourceLimits?: ResourceLimits;
}

export type TaskOutcome<T> = WorkerOutcome<T>;

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
    return this.exclusive(() =>
      runInFreshWorker<T>(this.filename, task, {
        timeoutMs: options.timeoutMs,
        timeoutHint: 'raise timeoutMs if the case needs longer',
        resourceLimits: this.resourceLimits,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }

  /** Runs `fn` exclusively: no worker task runs while it does (command cases and suite listing use this). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
