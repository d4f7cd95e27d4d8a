import { describe, expect, it } from 'vitest';
import { fuzzSignature, normalizeMessage, projectFrames } from '../../../src/modes/fuzz/fuzz-signature.js';

const ROOT = '/repo';

describe('normalizeMessage', () => {
  it('replaces numbers, hex addresses and quoted values with placeholders', () => {
    expect(normalizeMessage('bad input "xyz" at 12 (0x7ffd2a) after \'q\' -3.5e2 tries')).toBe('bad input <str> at <n> (<hex>) after <str> <n> tries');
  });

  it('keeps digits that are part of a word', () => {
    expect(normalizeMessage('utf8 decoder v2 failed')).toBe('utf8 decoder v2 failed');
  });

  it('collapses whitespace', () => {
    expect(normalizeMessage('  a\n\tb  ')).toBe('a b');
  });
});

describe('projectFrames', () => {
  it('keeps frames of the project relative to the root, without line numbers', () => {
    const stack = [
      'TypeError: boom',
      '    at decode (/repo/src/codec.ts:10:3)',
      '    at file:///repo/suites/codec.ts:7:93',
      '    at Property.predicate (file:///repo/node_modules/fast-check/lib/fast-check.js:1355:99)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at async run (node:internal/modules/run_main:1:1)',
    ].join('\n');
    expect(projectFrames(stack, ROOT)).toEqual(['decode (src/codec.ts)', '<anonymous> (suites/codec.ts)']);
  });
});

describe('fuzzSignature', () => {
  const error = (message: string, line: number, root = ROOT) => ({ name: 'TypeError', message, stack: `TypeError: ${message}\n    at decode (${root}/src/codec.ts:${line}:3)` });

  it('is the same for the same bug with other values, other lines and another worktree', () => {
    const a = fuzzSignature({ caseId: 'c/p', error: error('bad "x" at 1', 10), root: ROOT });
    const b = fuzzSignature({ caseId: 'c/p', error: error('bad "yy" at 2', 14, '/tmp/wt-abc'), root: '/tmp/wt-abc' });
    expect(a).toBe(b);
    expect(a).toBe('TypeError: bad <str> at <n>\ndecode (src/codec.ts)');
  });

  it('differs for another error name or another place', () => {
    const base = fuzzSignature({ caseId: 'c/p', error: error('bad', 1), root: ROOT });
    expect(fuzzSignature({ caseId: 'c/p', error: { ...error('bad', 1), name: 'RangeError' }, root: ROOT })).not.toBe(base);
    expect(fuzzSignature({ caseId: 'c/p', error: { ...error('bad', 1), stack: 'TypeError: bad\n    at encode (/repo/src/other.ts:1:1)' }, root: ROOT })).not.toBe(base);
  });

  it('tells properties apart when the stack has no frame of the project', () => {
    const e = { name: 'Error', message: 'Property failed by returning false', stack: 'Error: Property failed by returning false\n    at run (/repo/node_modules/fast-check/lib/x.js:1:1)' };
    expect(fuzzSignature({ caseId: 'a/one', error: e, root: ROOT })).not.toBe(fuzzSignature({ caseId: 'a/two', error: e, root: ROOT }));
  });

  it('ignores the lines after the first, where assertion diffs print the varying values', () => {
    const a = { name: 'AssertionError', message: 'Expected equal:\n+ {"a":1}', stack: 'AssertionError\n    at check (/repo/suites/q.ts:3:3)' };
    const b = { ...a, message: 'Expected equal:\n+ {"zz":[1,2]}' };
    expect(fuzzSignature({ caseId: 'q/r', error: a, root: ROOT })).toBe(fuzzSignature({ caseId: 'q/r', error: b, root: ROOT }));
  });
});
