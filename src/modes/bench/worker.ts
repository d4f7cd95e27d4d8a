// The piscina task file of the benchmark pool. Each task runs in a fresh
// worker: it imports the suite (user code runs here, never in perflab's main
// thread), then either lists the suite's cases or measures one function case.
import { isCommandCase, type BenchOptions, type Suite } from '../../engine/suite/define-suite.js';
import { loadSuite } from '../../engine/suite/load-suite.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { resolveBenchOptions, type CaseKind, type ResolvedBenchOptions } from './bench-options.js';
import { measureFunction, RegionError, type FunctionMeasurement } from './measure-function.js';

export type WorkerTask =
  | { type: 'list'; file: string; overrides: BenchOptions }
  | { type: 'measure'; file: string; caseName: string; options: ResolvedBenchOptions };

export interface ListedCase {
  name: string;
  kind: CaseKind;
  options: ResolvedBenchOptions;
  /** For command cases: what to run. */
  command?: { argv: string[]; cwd?: string; env?: Record<string, string> };
}

export interface SuiteListing {
  file: string;
  name: string;
  cases: ListedCase[];
}

export type WorkerReply =
  | { ok: true; type: 'list'; suite: SuiteListing }
  | { ok: true; type: 'measure'; measurement: FunctionMeasurement }
  | { ok: false; error: CaseError };

// A rejection nobody handles belongs to the case being measured.
let unhandled: unknown;
process.on('unhandledRejection', (reason) => {
  unhandled ??= reason;
});

export default async function runTask(task: WorkerTask): Promise<WorkerReply> {
  try {
    const suite = await loadSuite(task.file);
    if (task.type === 'list') return { ok: true, type: 'list', suite: listSuite(task.file, suite, task.overrides) };

    const benchCase = suite.bench?.[task.caseName];
    if (!benchCase || isCommandCase(benchCase)) {
      throw new PerflabError(ErrorCode.CaseNotFound, `no function case "${task.caseName}" in suite "${suite.name}"`, { file: task.file });
    }
    const measurement = await measureFunction(benchCase, task.options);
    // Give late rejections of the case a chance to surface before we call it clean.
    await new Promise((resolve) => setImmediate(resolve));
    if (unhandled !== undefined) {
      return { ok: false, error: { code: ErrorCode.CaseUnhandledRejection, message: `unhandled promise rejection: ${describe(unhandled)}` } };
    }
    return { ok: true, type: 'measure', measurement };
  } catch (error) {
    return { ok: false, error: toCaseError(error) };
  }
}

export function listSuite(file: string, suite: Suite, overrides: BenchOptions): SuiteListing {
  const cases = Object.entries(suite.bench ?? {}).map(([name, c]): ListedCase => {
    if (!isCommandCase(c)) return { name, kind: 'function', options: resolveBenchOptions('function', suite.options, c, overrides) };
    const argv = typeof c.command === 'string' ? ['/bin/sh', '-c', c.command] : [...c.command];
    return {
      name,
      kind: 'command',
      options: resolveBenchOptions('command', suite.options, c, overrides),
      command: { argv, ...(c.cwd ? { cwd: c.cwd } : {}), ...(c.env ? { env: c.env } : {}) },
    };
  });
  return { file, name: suite.name, cases };
}

function toCaseError(error: unknown): CaseError {
  if (error instanceof PerflabError) return { code: error.code, message: error.message };
  if (error instanceof RegionError) return { code: ErrorCode.CaseThrew, message: error.message };
  return { code: ErrorCode.CaseThrew, message: `the case threw ${describe(error)}` };
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
