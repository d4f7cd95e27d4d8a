// What a fuzz failure tells a person: a one-line title, the full evidence
// (shrunk counterexample, seed and path, the error with its stack), the
// command that replays it, and the signature that deduplicates it.
import type { FindingReport } from '../../engine/model.js';
import { errorLine } from './error-info.js';
import type { CellsSnapshot } from './fuzz-cells.js';
import type { WorkerEnd } from './fuzz-pool.js';
import { fuzzSignature } from './fuzz-signature.js';
import type { Failure } from './fuzz-task.js';

export type FuzzFindingKind = 'property-failed' | 'hang' | 'oom' | 'crash';

/** `perflab fuzz <case> --seed … --path …`: replays the input on any checkout, with or without the store. */
export function replayCommand(caseId: string, seed: number, path: string, replayPath?: string): string {
  return `perflab fuzz ${quote(caseId)} --seed ${seed} --path ${quote(path)}${replayPath ? ` --replay-path ${quote(replayPath)}` : ''}`;
}

export function failureReport(caseId: string, failure: Failure, root: string): FindingReport {
  // fast-check's own timeout (async inputs) is a hang, not a wrong answer.
  const kind: FuzzFindingKind = /^Property timeout: exceeded limit/.test(failure.error.message) ? 'hang' : 'property-failed';
  const evidence = [
    `Counterexample (shrunk ${failure.shrinks} times):`,
    indent(failure.counterexample),
    `seed ${failure.seed}, path "${failure.path}"${failure.replayPath ? `, replayPath "${failure.replayPath}"` : ''}`,
    '',
    ownStack(failure.error.stack),
  ].join('\n');
  return {
    mode: 'fuzz',
    caseId,
    kind,
    signature: fuzzSignature({ caseId, error: failure.error, root }),
    // Assertion messages often start with a generic line; the input says which case it was.
    title: `${errorLine(failure.error)} (input ${oneLine(failure.counterexample, 80)})`,
    evidence,
    repro: replayCommand(caseId, failure.seed, failure.path, failure.replayPath),
    detail: { ...failure },
  };
}

/**
 * The worker was terminated (hang) or died (out of memory, exit). The cells
 * say which input it was on: chunk seed + index replay it. Such an input is
 * not shrunk (each shrink step would cost another worker), and when it hung
 * while fast-check was already shrinking a failure, the path is that failure's
 * original input (fast-check's shrink path is not visible from outside).
 */
export function workerEndReport(caseId: string, end: Exclude<WorkerEnd, 'cancelled' | 'timeout'>, message: string, cells: CellsSnapshot): FindingReport {
  const kind: FuzzFindingKind = end;
  const path = String(Math.max(0, cells.index));
  const title = end === 'hang' ? `hang: ${message.split(';')[0] ?? message}` : end === 'oom' ? 'out of memory' : `crash: ${message}`;
  const evidence = [
    title,
    `while ${cells.phase === 'generating' ? 'generating' : 'checking'} input #${path} of chunk ${cells.chunk}${cells.shrinking ? ' (while shrinking a failure)' : ''}`,
    `seed ${cells.seed}, path "${path}" (not shrunk)`,
    message,
  ].join('\n');
  return {
    mode: 'fuzz',
    caseId,
    kind,
    // No stack to tell two hangs of one property apart: one per property and kind.
    signature: `${caseId}\n${kind}`,
    title,
    evidence,
    repro: replayCommand(caseId, cells.seed, path),
    detail: { seed: cells.seed, path, chunk: cells.chunk, shrinking: cells.shrinking, message },
  };
}

/** The stack without fast-check's and Node's own frames, which every failure shares. */
export function ownStack(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => !/^\s*at /.test(line) || !/node_modules[\\/]fast-check|\(node:|at node:|[\\/]src[\\/]modes[\\/]fuzz[\\/]/.test(line))
    .join('\n');
}

function quote(text: string): string {
  return /^[\w./:@-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
