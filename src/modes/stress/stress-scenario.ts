// A stress scenario as the engine handles it outside the worker.
import type { ResolvedStressOptions } from './stress-options.js';

export interface StressScenarioRef {
  /** `suite/name`. */
  id: string;
  suite: string;
  name: string;
  /** Absolute path of the suite file. */
  file: string;
  options: ResolvedStressOptions;
}
