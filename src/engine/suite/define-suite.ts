// `defineSuite` is the one thing a suite file imports. It validates the shape
// at definition time so a typo fails with the field's name, not later inside a
// worker with a stack trace (in workers the main thread has validated it
// already: see validate-suite.ts).
import type { FuzzCase } from './fuzz-schema.js';
import type { StressCase } from './stress-schema.js';
import { validateSuite } from './validate-suite.js';

/** Marks the measured part of a function case. Without calls to it the whole call is timed. */
export interface RegionTimer {
  /** Start the clock for this sample. */
  start(): void;
  /** Stop the clock for this sample. */
  end(): void;
}

/** Measurement options; every field is optional and has a default in `resolveBenchOptions`. */
export interface BenchOptions {
  /** Keep sampling until this much time is spent (after warm-up). Default 1000 ms (3000 ms for commands). */
  timeBudgetMs?: number;
  /** …and at least this many samples. Default 30 (10 for commands). */
  minSamples?: number;
  /** Never more than this many samples. Default 10 000 (100 for commands). */
  maxSamples?: number;
  /** Run the case this long before measuring. Default 250 ms (1 execution for commands). */
  warmupMs?: number;
  /** A case that takes longer than this in total is stopped and reported as timed out. Default 60 000 ms. */
  timeoutMs?: number;
  /** Relative change below which a difference is not worth reporting. Default 0.03 (3%). */
  threshold?: number;
}

export interface FunctionCase<State = unknown> extends BenchOptions {
  /** Runs once per case (per fresh worker), outside the measurement. */
  setup?: () => State | Promise<State>;
  /** Runs once after the measurement, with what `setup` returned. */
  teardown?: (state: State) => unknown;
  /** The work. May be async. Call `t.start()`/`t.end()` to time only part of it. */
  fn: (state: State, t: RegionTimer) => unknown;
}

export interface CommandCase extends BenchOptions {
  /** The program and its arguments, e.g. `['racket', 'bench/sort.rkt']`. A string is run by `/bin/sh -c`. */
  command: string | readonly string[];
  /** Working directory, relative to the suite file's directory. Default: the suite file's directory. */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case has its own setup state type
export type BenchCase = FunctionCase<any> | CommandCase;

export interface SuiteDefinition {
  name: string;
  bench?: Record<string, BenchCase>;
  /** Stress scenarios (DESIGN §6). */
  stress?: Record<string, StressCase>;
  /** Fuzz properties (DESIGN §7). */
  fuzz?: Record<string, FuzzCase>;
  /** Defaults for every case of this suite. */
  options?: BenchOptions;
}

/** Set by `defineSuite`; a global symbol so two copies of perflab agree. */
export const SUITE_BRAND = Symbol.for('perflab.suite');

export type Suite = SuiteDefinition & { readonly [SUITE_BRAND]: true };

/** Declare a suite. `export default defineSuite({ name, bench: { … } })`. */
export function defineSuite<const T extends SuiteDefinition>(definition: T): T & { readonly [SUITE_BRAND]: true } {
  validateSuite(definition);
  return Object.freeze({ ...definition, [SUITE_BRAND]: true as const });
}

export function isSuite(value: unknown): value is Suite {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SUITE_BRAND] === true;
}

export function isCommandCase(c: BenchCase): c is CommandCase {
  return 'command' in c;
}
