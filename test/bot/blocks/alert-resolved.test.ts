import { describe, expect, it } from 'vitest';
import { alertResolved, type AlertOutcome } from '../../../src/bot/blocks/alert-resolved.js';
import type { ContextBlock, KnownBlock } from '@slack/types';
import { alertOf, allText, buttonsOf, contextTexts, expectWithinLimits, regressionView } from './fixtures.js';

const at = '2024-05-01T12:30:00.000Z';
const lastContext = (blocks: KnownBlock[]): string => contextTexts(blocks.filter((b): b is ContextBlock => b.type === 'context').at(-1)).join(' ');

describe('alertResolved', () => {
  it('shows who accepted it and when, and removes the buttons', () => {
    const message = alertResolved(regressionView(), { state: 'accepted', by: 'slack:U0BOB12345', at, reason: 'new parser is worth it' });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(lastContext(message.blocks)).toBe(
      ':white_check_mark: Accepted as the new baseline by <@U0BOB12345> · <!date^1714566600^{date_short_pretty} at {time}|2024-05-01 12:30 UTC> — new parser is worth it',
    );
    expect(message.text).toBe('Accepted (<@U0BOB12345>): Performance regression in 1 case');
  });

  it('keeps the body of the alert', () => {
    const message = alertResolved(regressionView(), { state: 'dismissed', by: 'U0BOB12345', at });
    expect(allText(message)).toContain('Performance regression in 1 case');
    expect(allText(message)).toContain('*Δ*\n+18.0%');
  });

  it('shows who dismissed it', () => {
    const message = alertResolved(regressionView(), { state: 'dismissed', by: 'cli:alice', at });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(lastContext(message.blocks)).toMatch(/^:see_no_evil: Dismissed as noise by alice \(CLI\) · <!date\^/);
  });

  it('shows the assignee and the note while investigating, and keeps the buttons that can still close it', () => {
    const message = alertResolved(regressionView(), { state: 'investigating', by: 'U0BOB12345', at, assignee: 'U0ADA1234', note: 'bisecting; maybe <the> new parser' });
    expect(allText(message)).toContain(':mag: *Investigating:* <@U0ADA1234> — bisecting; maybe &lt;the&gt; new parser');
    expect(lastContext(message.blocks)).toMatch(/^Set by <@U0BOB12345> · <!date\^1714566600/);
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual(['perflab.accept', 'perflab.dismiss', 'perflab.rerun']);
  });

  it('offers no accept while investigating a suite error', () => {
    const view = regressionView({ alert: alertOf({ kind: 'suite-error' }), comparisons: [], suiteErrors: [{ file: 'a.ts', message: 'boom' }] });
    const message = alertResolved(view, { state: 'investigating', by: 'U0BOB12345', at });
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual(['perflab.dismiss', 'perflab.rerun']);
  });

  it('names the fixing commit', () => {
    const message = alertResolved(regressionView(), { state: 'fixed', by: 'perflab', at, commit: 'deadbeef00112233' });
    expect(lastContext(message.blocks)).toMatch(/^:hammer_and_wrench: Marked fixed in `deadbeef00` by perflab/);
  });

  it('stays within limits with a 10 KB note and 200 cases', () => {
    const note = '<!here> '.repeat(1300);
    const comparisons = regressionView().comparisons;
    const many = Array.from({ length: 200 }, (_, i) => ({ ...comparisons[0]!, caseId: `s/${'long '.repeat(40)}${i}` }));
    const outcomes: AlertOutcome[] = [
      { state: 'accepted', by: 'U0BOB12345', at, reason: note },
      { state: 'dismissed', by: note, at, reason: note },
      { state: 'investigating', by: 'U0BOB12345', at, note, assignee: 'U0ADA1234' },
      { state: 'fixed', by: 'U0BOB12345', at, commit: note },
    ];
    for (const outcome of outcomes) {
      const message = alertResolved(regressionView({ comparisons: many }), outcome);
      expect(message.text.length).toBeGreaterThan(0);
      expect(allText(message)).not.toContain('<!here>');
      expectWithinLimits(message);
    }
  });

  it('shows an unparsable time as text rather than a broken date token', () => {
    const message = alertResolved(regressionView(), { state: 'accepted', by: 'U0BOB12345', at: 'yesterday <b>' });
    expect(lastContext(message.blocks)).toContain('· yesterday &lt;b&gt;');
  });
});
