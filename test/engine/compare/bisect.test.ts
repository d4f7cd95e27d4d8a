import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bisect, type BisectVerdict } from '../../../src/engine/compare/bisect.js';

const range = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`);

describe('bisect', () => {
  it('finds the first bad commit in log2(n) steps', async () => {
    const commits = range(8);
    const outcome = await bisect(commits, (c) => Promise.resolve(Number(c.slice(1)) >= 5 ? 'bad' : 'good'));
    expect(outcome.culprit).toBe('c5');
    expect(outcome.steps.length).toBeLessThanOrEqual(3);
  });

  it('a range of one commit needs no step', async () => {
    const outcome = await bisect(['only'], () => Promise.reject(new Error('not called')));
    expect(outcome).toEqual({ culprit: 'only', candidates: ['only'], steps: [], skipped: [] });
  });

  it('skips a commit that does not build and still finds the culprit through its neighbours', async () => {
    const commits = range(8);
    const verdict = (c: string): BisectVerdict => (c === 'c3' ? 'skip' : Number(c.slice(1)) >= 5 ? 'bad' : 'good');
    const outcome = await bisect(commits, (c) => Promise.resolve(verdict(c)));
    expect(outcome.culprit).toBe('c5');
    expect(outcome.skipped).toEqual(['c3']);
  });

  it('when the culprit hides among skipped commits, names every candidate', async () => {
    const commits = range(6);
    const verdict = (c: string): BisectVerdict => (c === 'c2' || c === 'c3' ? 'skip' : Number(c.slice(1)) >= 3 ? 'bad' : 'good');
    const outcome = await bisect(commits, (c) => Promise.resolve(verdict(c)));
    expect(outcome.culprit).toBeUndefined();
    expect(outcome.candidates).toEqual(['c2', 'c3', 'c4']); // c4 is bad; the first bad one is c2, c3 or c4
  });

  it('for any range, culprit and unbuildable commits, it names the culprit or a set that holds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), n < 2 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: n - 2 }), { maxLength: n }))), async ([n, first, broken]) => {
        const commits = range(n);
        const tested: string[] = [];
        const outcome = await bisect(commits, (c) => {
          tested.push(c);
          const i = Number(c.slice(1));
          return Promise.resolve(broken.includes(i) ? 'skip' : i >= first ? 'bad' : 'good');
        });
        expect(outcome.candidates).toContain(`c${first}`);
        if (broken.length === 0) expect(outcome.culprit).toBe(`c${first}`);
        expect(new Set(tested).size).toBe(tested.length); // never measures a commit twice
      }),
    );
  });
});
