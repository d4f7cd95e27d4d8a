import { describe, expect, it } from 'vitest';
import type { ContextBlock } from '@slack/types';
import { demoMessage, type DemoView } from '../../../src/bot/blocks/demo-message.js';
import { allText, expectWithinLimits } from './fixtures.js';

const commit = (n: number, subject: string, author = 'Ada Lovelace', slow = false) => ({ commit: String(n).repeat(40), subject, author, slow });
const base: DemoView = {
  by: 'slack:U0ALICE',
  repo: { dir: '/srv/perflab/.perflab/demo/demo-2', caseId: 'demo-2/checksum 16KB' },
  pushes: [[commit(1, 'Add a checksum and its benchmark')], [commit(2, 'Tidy up'), commit(3, 'Mix each block one more round', 'Alan Turing', true)]],
  progress: { state: 'watching' },
};
const status = (view: DemoView): string => (demoMessage(view).blocks.at(-1) as ContextBlock).elements.map((e) => ('text' in e ? e.text : '')).join('');

describe('demoMessage', () => {
  it('names who started it, the repository and its case, and lists each push with its commits', () => {
    const text = allText(demoMessage(base));
    expect(text).toContain('*Demo* started by <@U0ALICE>: a throwaway repository with one benchmark, `demo-2/checksum 16KB`, in `/srv/perflab/.perflab/demo/demo-2`');
    expect(text).toContain('*Push 1*, measured as it lands:\n`1111111111` Add a checksum and its benchmark — Ada Lovelace');
    expect(text).toContain('*Push 2*: 2 commits at once, measured at the last one:\n`2222222222` Tidy up — Ada Lovelace\n`3333333333` Mix each block one more round — Alan Turing');
  });

  it('ends by naming the culprit and what Accept does, or by saying why it did not end that way', () => {
    const culprit = commit(3, 'Mix each block one more round', 'Alan Turing');
    expect(status({ ...base, progress: { state: 'done', culprit, elapsedMs: 61_400 } })).toBe(
      ':white_check_mark: Done in 61 s: the bisection names `3333333333` by Alan Turing, “Mix each block one more round” (in the alert\'s thread). *Accept as new baseline* on the alert takes the slower code as the new normal.',
    );
    expect(status({ ...base, progress: { state: 'failed', reason: 'no alert within 300 s <!channel>' } })).toBe(
      ':x: The demo did not end in an alert naming the slow commit: no alert within 300 s &lt;!channel&gt;',
    );
  });

  it('stays within Slack limits with long subjects and paths, and before the repository exists', () => {
    const long = commit(4, 'x'.repeat(5000), 'y'.repeat(500));
    expectWithinLimits(demoMessage({ ...base, repo: { dir: '/'.repeat(5000), caseId: 'c'.repeat(5000) }, pushes: [[long, long, long]] }));
    expect(allText(demoMessage({ by: 'slack:U0ALICE', pushes: [], progress: { state: 'preparing' } }))).toContain('making a throwaway repository');
  });
});
