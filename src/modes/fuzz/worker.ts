// The task file of the fuzz pool. Each task runs in a fresh worker: it loads
// the suite, builds the property and fuzzes or replays it. A hang, an
// out-of-memory or an exit ends the worker; the pool reports it.
import { fuzzProperty, toCaseError } from './fuzz-property.js';
import type { FuzzTaskInWorker, FuzzWorkerReply } from './fuzz-task.js';
import { replayProperty } from './replay-property.js';

export default async function runTask(task: FuzzTaskInWorker): Promise<FuzzWorkerReply> {
  try {
    switch (task.type) {
      case 'fuzz':
        return { ok: true, type: 'fuzz', reply: await fuzzProperty(task) };
      case 'replay':
        return { ok: true, type: 'replay', reply: await replayProperty(task) };
    }
  } catch (error) {
    return { ok: false, error: toCaseError(error) };
  }
}
