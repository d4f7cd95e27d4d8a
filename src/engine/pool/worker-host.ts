// The first code a fresh worker runs, bundled ahead of the task file (see
// run-in-fresh-worker.ts). It calls the task file's default export once, on
// the task the main thread sent, and turns every way that can end into one
// message: the reply, or how it failed. Whatever the task leaves behind —
// servers, timers, a loop that never ends — goes when the main thread
// terminates the worker.
import { parentPort, workerData } from 'node:worker_threads';
import { toThrownValue, type ThrownValue } from './thrown-value.js';

export interface HostData {
  task: unknown;
}

export type HostMessage =
  | { type: 'reply'; value: unknown }
  | { type: 'failed'; how: 'threw' | 'uncaught-exception' | 'unhandled-rejection'; error: ThrownValue };

// Installed before the task file and any suite load. A throw from a timer
// or a rejection nobody handles is the task's failure: it is reported, not
// left to kill the worker without a word.
process.on('uncaughtException', (error) => send({ type: 'failed', how: 'uncaught-exception', error: toThrownValue(error) }));
process.on('unhandledRejection', (reason) => send({ type: 'failed', how: 'unhandled-rejection', error: toThrownValue(reason) }));

export function serveTask(handler: (task: unknown) => unknown): void {
  const { task } = workerData as HostData;
  void Promise.resolve()
    .then(() => handler(task))
    .then(
      (value) => send({ type: 'reply', value }),
      (error: unknown) => send({ type: 'failed', how: 'threw', error: toThrownValue(error) }),
    );
}

function send(message: HostMessage): void {
  try {
    parentPort?.postMessage(message);
  } catch (error) {
    // A reply that cannot be cloned (a function inside, say) is the task's bug, said as such.
    parentPort?.postMessage({ type: 'failed', how: 'threw', error: toThrownValue(error) } satisfies HostMessage);
  }
}
