// Measures one case once: a function case in a fresh worker of the exclusive
// pool, a command case as child processes while the pool is held. Either way
// the outcome is a `Result`; nothing here throws for a case's own failure.
import { dirname, resolve } from 'node:path';
import type { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError, Result } from '../../engine/model.js';
import { encodeSamples, summarize } from '../../engine/stats/index.js';
import { compileSuite, type SuiteModule } from '../../engine/suite/compile-suite.js';
import type { ResolvedBenchOptions } from './bench-options.js';
import type { BenchCaseRef } from './bench-case.js';
import { measureCommand } from './measure-command.js';
import type { MeasureReply, MeasureTask } from './worker.js';

const UNIT = 'ns';

export async function measureCase(
  pool: ExclusivePool,
  ref: BenchCaseRef,
  options: ResolvedBenchOptions = ref.options,
  signal?: AbortSignal,
): Promise<Result> {
  const base = { caseId: ref.id, suite: ref.suite, name: ref.name, mode: 'bench' as const };
  const errored = (error: CaseError): Result => ({ ...base, state: 'errored', error });

  if (ref.kind === 'function') {
    let suite: SuiteModule;
    try {
      suite = await compileSuite(ref.file); // the file as it is now: edited since it was listed, it is compiled again
    } catch (error) {
      if (error instanceof PerflabError) return errored({ code: error.code, message: error.message });
      throw error;
    }
    const outcome = await pool.run<MeasureReply>({ suite, caseName: ref.name, options } satisfies MeasureTask, { timeoutMs: options.timeoutMs, ...(signal ? { signal } : {}) });
    if (!outcome.ok) return errored(outcome.error);
    if (!outcome.value.ok) return errored(outcome.value.error);
    const { samples, batch } = outcome.value.measurement;
    return { ...base, state: 'ok', kind: 'function', summary: summarize(samples, UNIT, 'lower'), samples: encodeSamples(samples), batch };
  }

  const command = ref.command;
  if (!command) return errored({ code: ErrorCode.CaseNotFound, message: 'command case without a command' });
  return pool.exclusive(async () => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const spec = {
      argv: command.argv,
      cwd: resolve(dirname(ref.file), command.cwd ?? '.'),
      env: { ...(process.env as Record<string, string>), ...command.env },
    };
    const plan = { warmupRuns: options.warmupMs, minSamples: options.minSamples, maxSamples: options.maxSamples, timeBudgetMs: options.timeBudgetMs };
    try {
      const m = await measureCommand(spec, plan, signal ? AbortSignal.any([timeout, signal]) : timeout);
      return { ...base, state: 'ok', kind: 'command', summary: summarize(m.samples, UNIT, 'lower'), samples: encodeSamples(m.samples), batch: 1, process: m.process };
    } catch (error) {
      if (timeout.aborted) return errored({ code: ErrorCode.CaseTimeout, message: `timed out after ${options.timeoutMs} ms (raise timeoutMs if the case needs longer)` });
      if (signal?.aborted) return errored({ code: ErrorCode.Cancelled, message: 'cancelled' });
      if (error instanceof PerflabError) return errored({ code: error.code, message: error.message });
      return errored({ code: ErrorCode.CommandFailed, message: String(error) });
    }
  });
}
