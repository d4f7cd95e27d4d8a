// Runs one task in a fresh worker thread, then ends the worker: the unit of
// isolation of every mode (DESIGN §5 "fresh workers", §7, §11). The task
// file is compiled together with the worker host into one plain-JS module
// (engine/compile), so the worker starts with no loader hooks and nothing
// to transpile. However the worker ends, the outcome is data; failures are
// named by the one classifier (classify-worker-end.ts).
//
// A task file is a module whose default export takes the task and returns
// (or resolves to) the reply; both cross the thread boundary by structured
// clone.
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { compileModule } from '../compile/compile-module.js';
import type { CaseError } from '../model.js';
import { classifyWorkerEnd, type WorkerEnd } from './classify-worker-end.js';
import type { HostData, HostMessage } from './worker-host.js';

export interface FreshWorkerOptions {
  /** The worker is terminated after this long, its start and suite import included, ms. Default: no limit. */
  timeoutMs?: number;
  /** Said after "timed out after N ms", e.g. what to raise. Default: nothing. */
  timeoutHint?: string;
  /** Aborting terminates the worker; the outcome is `PERFLAB_E_CANCELLED`. */
  signal?: AbortSignal;
  /** Heap limits of the worker. Default: Node's. */
  resourceLimits?: ResourceLimits;
  /** The worker's environment. Default: a copy of `process.env` as it is when the worker starts. */
  env?: NodeJS.ProcessEnv;
  /** Message ports (or other transferables) inside the task. */
  transferList?: readonly Transferable[];
}

export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; error: CaseError };

const HOST = fileURLToPath(new URL('./worker-host.ts', import.meta.url));
/**
 * Not the parent's flags (a `--import` of a loader would cost hundreds of
 * ms per worker); source maps on, so stack traces name the original files
 * (fuzz signatures are made of them).
 */
const WORKER_EXEC_ARGV = ['--enable-source-maps'];

export async function runInFreshWorker<T>(taskFile: string | URL, task: unknown, options: FreshWorkerOptions = {}): Promise<WorkerOutcome<T>> {
  const { signal } = options;
  if (signal?.aborted) return failed({ how: 'aborted' });
  const entry = await compileTaskFile(taskFile);
  if (signal?.aborted) return failed({ how: 'aborted' });

  const worker = new Worker(new URL(entry), {
    workerData: { task } satisfies HostData,
    ...(options.transferList ? { transferList: [...options.transferList] } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    ...(options.env ? { env: options.env } : {}),
    execArgv: WORKER_EXEC_ARGV,
  });
  const end = await firstEnd(worker, options);
  await worker.terminate();
  return end.how === 'reply' ? { ok: true, value: end.value as T } : failed(end);
}

function failed(end: WorkerEnd): { ok: false; error: CaseError } {
  return { ok: false, error: classifyWorkerEnd(end) };
}

/** The first of: the host's message, the worker's error or exit, the timeout, the abort. */
function firstEnd(worker: Worker, options: FreshWorkerOptions): Promise<WorkerEnd | { how: 'reply'; value: unknown }> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => settle({ how: 'aborted' });
    const settle = (end: WorkerEnd | { how: 'reply'; value: unknown }): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(end); // later events change nothing: the first end is the outcome
    };
    // These listeners stay until the worker is gone: an 'error' with no listener would crash perflab.
    worker.on('message', (message: HostMessage) => settle(message.type === 'reply' ? { how: 'reply', value: message.value } : { how: message.how, error: message.error }));
    worker.on('error', (error: Error) => settle({ how: 'worker-error', error }));
    worker.on('exit', (code: number) => settle({ how: 'exit', code }));
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      timer = setTimeout(() => settle({ how: 'timeout', timeoutMs, ...(options.timeoutHint ? { hint: options.timeoutHint } : {}) }), timeoutMs);
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The task file and the worker host as one module, compiled once per content. */
function compileTaskFile(taskFile: string | URL): Promise<string> {
  const file = typeof taskFile === 'string' && !taskFile.startsWith('file:') ? taskFile : fileURLToPath(taskFile);
  const contents = [`import { serveTask } from ${JSON.stringify(HOST)};`, `import task from ${JSON.stringify(file)};`, 'serveTask(task);', ''].join('\n');
  return compileModule({
    key: `task:${file}`,
    entry: { kind: 'source', contents, resolveDir: dirname(file), name: `${basename(file)} (worker entry)` },
  });
}
