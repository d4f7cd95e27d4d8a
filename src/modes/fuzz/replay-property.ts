// Inside a worker: run one stored failing input again (same seed and path,
// no shrinking) and say whether it still fails.
import { buildProperty } from './build-property.js';
import { CellsWriter } from './fuzz-cells.js';
import { checkProperty, failureOf, toCaseError } from './fuzz-property.js';
import type { FuzzTaskInWorker, ReplayReply } from './fuzz-task.js';
import { watchProperty } from './watch-property.js';

type ReplayTask = Extract<FuzzTaskInWorker, { type: 'replay' }>;

export async function replayProperty(task: ReplayTask): Promise<ReplayReply> {
  const cells = new CellsWriter(task.cells);
  try {
    const property = await buildProperty(task.suite, task.caseName, task, task.replayPath ? { replayPath: task.replayPath } : {});
    cells.beginChunk(0, task.seed, property.isAsync());
    const details = await checkProperty(watchProperty(property, cells), { seed: task.seed, path: task.path, endOnFailure: true, timeout: task.timeoutMs });
    return details.failed && details.counterexample !== null ? { state: 'failed', failure: failureOf(details) } : { state: 'passed' };
  } catch (error) {
    return { state: 'errored', error: toCaseError(error) };
  }
}
