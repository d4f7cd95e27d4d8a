// Inside a worker: fuzz one property until its budget is spent, it fails, or
// the main thread asks it to stop. fast-check runs in chunks of growing size
// (chunk k with `chunkSeed(seed, k)`) so a stop request is seen between
// chunks; a failure is shrunk within the remaining budget.
import fc, { type IRawProperty, type RunDetails } from 'fast-check';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import { buildProperty } from './build-property.js';
import { errorLine, toErrorInfo } from './error-info.js';
import { CellsWriter } from './fuzz-cells.js';
import type { Failure, FuzzTaskInWorker, FuzzTaskReply } from './fuzz-task.js';
import { chunkSeed } from './seeds.js';
import { watchProperty } from './watch-property.js';

const FIRST_CHUNK_RUNS = 100;
const MAX_CHUNK_RUNS = 1 << 20;
/** Chunks shorter than this double their size, ms: stop requests are seen within about this long. */
const CHUNK_TARGET_MS = 200;
/** Extra shrinking time for a failure found as the budget ran out, ms. */
const SHRINK_GRACE_MS = 2000;

type FuzzTask = Extract<FuzzTaskInWorker, { type: 'fuzz' }>;

export async function fuzzProperty(task: FuzzTask): Promise<FuzzTaskReply> {
  const cells = new CellsWriter(task.cells);
  const started = Date.now();
  const deadline = started + task.budgetMs;
  const counts = () => ({ ...cells.counts(), elapsedMs: Date.now() - started });
  let property: IRawProperty<unknown>;
  try {
    property = await buildProperty(task.suite, task.caseName, task);
  } catch (error) {
    return { state: 'errored', error: toCaseError(error), ...counts() };
  }
  let numRuns = FIRST_CHUNK_RUNS;
  // Inputs that passed their preconditions, and those fc.pre rejected, over all chunks.
  let checked = 0;
  let skipped = 0;
  // Ending without one input checked is not a pass: every value was rejected.
  const ended = (stopped: boolean): FuzzTaskReply =>
    checked === 0 && skipped > 0 ? { state: 'errored', error: cannotGenerate(task.caseName, skipped), ...counts() } : { state: 'passed', stopped, ...counts() };
  for (let chunk = 0; ; chunk++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || cells.stopRequested()) return ended(remaining > 0);
    const seed = chunkSeed(task.seed, chunk);
    cells.beginChunk(chunk, seed, property.isAsync());
    const chunkStarted = Date.now();
    let details: RunDetails<unknown>;
    try {
      details = await checkProperty(watchProperty(property, cells), { seed, numRuns, interruptAfterTimeLimit: remaining, markInterruptAsFailure: false, timeout: task.timeoutMs });
    } catch (error) {
      // fast-check catches what the predicate throws; what escapes came from generating a value.
      return { state: 'errored', error: { code: ErrorCode.CannotGenerate, message: `fuzz "${task.caseName}": generating a value threw ${errorLine(toErrorInfo(error))}` }, ...counts() };
    }
    checked += details.numRuns;
    skipped += details.numSkips;
    if (details.failed) {
      if (details.counterexample === null) return { state: 'errored', error: cannotGenerate(task.caseName, skipped), ...counts() };
      const shrunk = Date.now() >= deadline ? await shrinkFurther(property, cells, details, task.timeoutMs) : details;
      return { state: 'failed', failure: failureOf(shrunk), ...counts() };
    }
    if (details.interrupted) return ended(false);
    if (Date.now() - chunkStarted < CHUNK_TARGET_MS) numRuns = Math.min(numRuns * 2, MAX_CHUNK_RUNS);
  }
}

/**
 * A failure found as the budget ran out was cut short while shrinking: go on
 * from its path (fast-check resumes shrinking there) for a little longer, so
 * the finding shows a small input rather than the first one that failed.
 */
async function shrinkFurther(property: IRawProperty<unknown>, cells: CellsWriter, found: RunDetails<unknown>, timeoutMs: number): Promise<RunDetails<unknown>> {
  if (found.counterexamplePath === null) return found;
  try {
    const more = await checkProperty(watchProperty(property, cells), { seed: found.seed, path: found.counterexamplePath, interruptAfterTimeLimit: SHRINK_GRACE_MS, markInterruptAsFailure: false, timeout: timeoutMs });
    // The resumed path is complete (it starts with the original one); its shrinks come on top.
    return more.failed && more.counterexample !== null ? { ...more, numShrinks: found.numShrinks + more.numShrinks } : found;
  } catch {
    return found;
  }
}

/** `fc.check` returns a promise for async properties only. */
export async function checkProperty(property: IRawProperty<unknown>, parameters: fc.Parameters<unknown>): Promise<RunDetails<unknown>> {
  return await (fc.check(property, parameters) as RunDetails<unknown> | Promise<RunDetails<unknown>>);
}

export function failureOf(details: RunDetails<unknown>): Failure {
  const counterexample = fc.stringify(details.counterexample);
  const replayPath = /replayPath="([^"]+)"/.exec(counterexample)?.[1];
  return {
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    ...(replayPath ? { replayPath } : {}),
    counterexample,
    error: toErrorInfo(details.errorInstance ?? new Error('the property failed')),
    shrinks: details.numShrinks,
  };
}

function cannotGenerate(caseName: string, skipped: number): CaseError {
  return {
    code: ErrorCode.CannotGenerate,
    message: `fuzz "${caseName}": no usable input after ${skipped} tries: every generated value was rejected (fc.pre or a filter that rejects everything?)`,
  };
}

export function toCaseError(error: unknown): CaseError {
  if (error instanceof PerflabError) return { code: error.code, message: error.message };
  return { code: ErrorCode.CaseThrew, message: errorLine(toErrorInfo(error)) };
}
