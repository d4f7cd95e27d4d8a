// A benchmark case as the engine handles it outside the worker: where it
// lives, what kind it is, and its resolved options.
import type { CaseKind, ResolvedBenchOptions } from './bench-options.js';

export interface BenchCaseRef {
  /** `suite/name`. */
  id: string;
  suite: string;
  name: string;
  /** Absolute path of the suite file. */
  file: string;
  kind: CaseKind;
  options: ResolvedBenchOptions;
  /** For command cases: what to run. */
  command?: { argv: string[]; cwd?: string; env?: Record<string, string> };
}

export const caseId = (suite: string, name: string): string => `${suite}/${name}`;
