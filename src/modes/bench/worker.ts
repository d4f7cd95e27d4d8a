// The task file of the benchmark pool. Each task runs in a fresh worker: it
// loads the suite (user code runs here, never in perflab's main thread) and
// measures one function case. A rejection nobody handles, a crash or a hang
// is the worker host's to report (engine/pool/worker-host.ts).
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { thrownLine, toThrownValue } from '../../engine/pool/thrown-value.js';
import type { SuiteModule } from '../../engine/suite/compile-suite.js';
import { isCommandCase } from '../../engine/suite/define-suite.js';
import { loadSuite } from '../../engine/suite/load-suite.js';
import type { ResolvedBenchOptions } from './bench-options.js';
import { measureFunction, RegionError, type FunctionMeasurement } from './measure-function.js';

export interface MeasureTask {
  suite: SuiteModule;
  caseName: string;
  options: ResolvedBenchOptions;
}

export type MeasureReply = { ok: true; measurement: FunctionMeasurement } | { ok: false; error: CaseError };

export default async function measureTask(task: MeasureTask): Promise<MeasureReply> {
  try {
    const suite = await loadSuite(task.suite);
    const benchCase = suite.bench?.[task.caseName];
    if (!benchCase || isCommandCase(benchCase)) {
      throw new PerflabError(ErrorCode.CaseNotFound, `no function case "${task.caseName}" in suite "${suite.name}"`, { file: task.suite.file });
    }
    const measurement = await measureFunction(benchCase, task.options);
    // Give late rejections of the case a chance to surface (the host reports them) before we call it clean.
    await new Promise((resolve) => setImmediate(resolve));
    return { ok: true, measurement };
  } catch (error) {
    return { ok: false, error: toCaseError(error) };
  }
}

function toCaseError(error: unknown): CaseError {
  if (error instanceof PerflabError) return { code: error.code, message: error.message };
  if (error instanceof RegionError) return { code: ErrorCode.CaseThrew, message: error.message };
  return { code: ErrorCode.CaseThrew, message: `the case threw ${thrownLine(toThrownValue(error))}` };
}
