// The package `perflab`, as suite files see it. Suites in any repository can
// import it: perflab resolves its own name for the suites it loads
// (see engine/suite/self-resolve-hook.js).
export { defineSuite } from './engine/suite/define-suite.js';
export type {
  BenchCase,
  BenchOptions,
  CommandCase,
  FunctionCase,
  RegionTimer,
  Suite,
  SuiteDefinition,
} from './engine/suite/define-suite.js';
export type { StressCase, ServerHandle } from './engine/suite/stress-schema.js';
export type { Summary, Result, Verdict, Change, Comparison } from './engine/model.js';
export type { FuzzCase, FuzzContext, FuzzSize } from './engine/suite/fuzz-schema.js';
