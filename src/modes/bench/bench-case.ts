// A benchmark case as the engine handles it outside the worker: where it
// lives, what kind it is, and its resolved options.
import type { ListedCase } from './worker.js';

export interface BenchCaseRef extends ListedCase {
  /** `suite/name`. */
  id: string;
  suite: string;
  /** Absolute path of the suite file. */
  file: string;
}

export const caseId = (suite: string, name: string): string => `${suite}/${name}`;
