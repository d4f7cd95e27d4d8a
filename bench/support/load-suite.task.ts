// A task file for harness.bench.ts: a fresh worker that loads a suite and
// does nothing else, so its wall time is the fixed cost of a fresh worker
// and its suite (an empty task, for comparison, leaves the suite out).
import type { SuiteModule } from '../../src/engine/suite/compile-suite.js';
import { loadSuite } from '../../src/engine/suite/load-suite.js';

export type LoadSuiteTask = { suite: SuiteModule } | { suite: null };

export default async function loadSuiteTask(task: LoadSuiteTask): Promise<string | null> {
  return task.suite ? (await loadSuite(task.suite)).name : null;
}
