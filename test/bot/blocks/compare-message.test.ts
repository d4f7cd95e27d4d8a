import { describe, expect, it } from 'vitest';
import type { HeaderBlock } from '@slack/types';
import { compareMessage, type CompareView } from '../../../src/bot/blocks/compare-message.js';
import { allText, expectWithinLimits } from './fixtures.js';

const change = (ratio: number) => ({ ratio, ciLow: ratio - 0.02, ciHigh: ratio + 0.02, pValue: 0.001, method: 'interleaved' as const, runs: 10 });

const view: CompareView = {
  refA: 'main',
  refB: 'my-branch',
  commitA: 'aaaaaaaaaaaaaaaa',
  commitB: 'bbbbbbbbbbbbbbbb',
  comparisons: [
    { caseId: 'json/stringify', verdict: 'unchanged', change: change(1.0), reason: 'no change beyond 3%' },
    { caseId: 'json/parse 1MB', verdict: 'regressed', change: change(1.2), reason: 'B is 20% slower (p = 0.001)' },
  ],
  onlyA: [],
  onlyB: ['json/new'],
  suiteErrors: [{ side: 'B', file: 'suites/broken.suite.ts', error: { message: 'SyntaxError <oops>' } }],
};

describe('compareMessage', () => {
  const message = compareMessage(view);

  it('says which side is measured against which', () => {
    expect((message.blocks[0] as HeaderBlock).text.text).toBe('my-branch vs main');
    expect(allText(message)).toContain('`my-branch` (`bbbbbbbbbb`) relative to `main` (`aaaaaaaaaa`)');
    expect(message.text).toBe('my-branch vs main: 2 cases: 1 slower · 1 unchanged');
  });

  it('lists the changed cases first in the table, with ratio, CI, p and runs', () => {
    const rows = allText(message).split('\n').filter((l) => l.startsWith('json/'));
    expect(rows[0]).toMatch(/^json\/parse 1MB\s+\+20\.0%\s+\+18\.0% … \+22\.0%\s+0\.0010\s+10\s+slower$/);
    expect(rows[1]).toMatch(/^json\/stringify\s+\+0\.0%/);
  });

  it('explains the notable cases and the suite errors', () => {
    const text = allText(message);
    expect(text).toContain(':small_red_triangle: slower `json/parse 1MB`: B is 20% slower (p = 0.001)');
    expect(text).toContain(':x: `my-branch` `suites/broken.suite.ts`: SyntaxError &lt;oops&gt;');
    expect(text).toContain('Only in `my-branch`: `json/new`');
  });

  it('stays within limits with 500 cases and huge errors', () => {
    const comparisons = Array.from({ length: 500 }, (_, i) => ({ caseId: `s/${'<'.repeat(100)}${i}`, verdict: 'regressed' as const, change: change(1.1), reason: '<&>'.repeat(3000) }));
    const suiteErrors = Array.from({ length: 50 }, () => ({ side: 'A' as const, file: 'f'.repeat(3000), error: { message: '<'.repeat(10_000) } }));
    const big = compareMessage({ ...view, refA: '<'.repeat(300), comparisons, suiteErrors, onlyA: comparisons.map((c) => c.caseId), onlyB: comparisons.map((c) => c.caseId) });
    expectWithinLimits(big);
    expect(allText(big)).toContain('perflab compare` on the CLI lists them all');
  });
});
