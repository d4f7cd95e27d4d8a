import { describe, expect, it } from 'vitest';
import type { HeaderBlock } from '@slack/types';
import { baselineMessage } from '../../../src/bot/blocks/baseline-message.js';
import type { Baseline } from '../../../src/engine/model.js';
import { allText, expectWithinLimits } from './fixtures.js';

function baselineOf(i: number, overrides: Partial<Baseline> = {}): Baseline {
  return { caseId: 'json/parse 1MB', machine: 'box', runId: `run-${i}`, commit: `abc${i}def0123456`, median: 1000 + i * 10, unit: 'ns', acceptedBy: 'slack:U0ADA1234', acceptedAt: `2024-05-0${1 + (i % 9)}T10:00:00.000Z`, reason: `reason ${i}`, ...overrides };
}

describe('baselineMessage', () => {
  it('shows the current baseline, who accepted it, when and why', () => {
    const current = baselineOf(3, { reason: 'new parser <is> worth it' });
    const message = baselineMessage({ caseId: 'json/parse 1MB', baseline: current, history: [baselineOf(1), baselineOf(2), current], machine: 'box' });
    expect((message.blocks[0] as HeaderBlock).text.text).toBe('Baseline of json/parse 1MB');
    const text = allText(message);
    expect(text).toContain('*Median*\n1.03 µs');
    expect(text).toContain('*Accepted by*\n<@U0ADA1234>');
    expect(text).toContain('*When*\n<!date^');
    expect(text).toContain('*Why:* new parser &lt;is&gt; worth it');
    expect(message.text).toBe('Baseline of json/parse 1MB: 1.03 µs (abc3def012)');
  });

  it('lists the previous baselines, newest first, without the current one', () => {
    const current = baselineOf(3);
    const text = allText(baselineMessage({ caseId: 'json/parse 1MB', baseline: current, history: [baselineOf(1), baselineOf(2), current] }));
    expect(text).toMatch(/\*Before:\*\n• 1\.02 µs at `abc2def012`.*\n• 1\.01 µs at `abc1def012`/);
    expect(text).not.toMatch(/• 1\.03 µs/);
  });

  it('explains what happens when there is no baseline yet', () => {
    const message = baselineMessage({ caseId: 'json/parse 1MB' });
    expect(message.text).toBe('No baseline for json/parse 1MB yet');
    expect(allText(message)).toContain('The first good run becomes one');
  });

  it('stays within limits with a long history and long reasons', () => {
    const history = Array.from({ length: 500 }, (_, i) => baselineOf(i, { reason: '<!channel>'.repeat(1000), acceptedBy: 'x'.repeat(1000) }));
    const message = baselineMessage({ caseId: 'x/y', baseline: history.at(-1), history, machine: 'box' });
    expectWithinLimits(message);
    expect(allText(message)).not.toContain('<!channel>');
    expect(allText(message)).toContain('…and 494 older ones');
  });
});
