// What a page derives from a history is computed once per history: again
// when a run is added, again after a failure, separately per lab and case.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/engine/store/store.js';
import { memoByHistory } from '../../src/site/history-memo.js';

const entry = (runId: string): HistoryEntry => ({ runId, commit: null, machine: 'm', at: '2026-12-01T00:00:00.000Z', state: 'ok', median: 1, inWindow: true });

describe('memoByHistory', () => {
  it('computes once for the same history, again when a run is added', async () => {
    const lab = {};
    let calls = 0;
    const compute = () => ++calls;
    const history = [entry('r1'), entry('r2')];
    expect(await memoByHistory(lab, 'x', 'a/b', history, compute)).toBe(1);
    expect(await memoByHistory(lab, 'x', 'a/b', [...history], compute)).toBe(1);
    expect(await memoByHistory(lab, 'x', 'a/b', [...history, entry('r3')], compute)).toBe(2);
    expect(await memoByHistory(lab, 'x', 'c/d', history, compute)).toBe(3);
    expect(await memoByHistory({}, 'x', 'a/b', history, compute)).toBe(4);
  });

  it('does not remember a failure', async () => {
    const lab = {};
    const history = [entry('r1')];
    await expect(memoByHistory(lab, 'x', 'a/b', history, () => Promise.reject(new Error('git failed')))).rejects.toThrow('git failed');
    expect(await memoByHistory(lab, 'x', 'a/b', history, () => 'ok')).toBe('ok');
  });
});
