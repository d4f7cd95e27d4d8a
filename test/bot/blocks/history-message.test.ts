import { describe, expect, it } from 'vitest';
import type { HeaderBlock } from '@slack/types';
import { historyMessage, sparkline } from '../../../src/bot/blocks/history-message.js';
import type { Baseline } from '../../../src/engine/model.js';
import type { HistoryEntry } from '../../../src/engine/store/store.js';
import { allText, expectWithinLimits } from './fixtures.js';

function entry(i: number, median: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return { runId: `run-${i}`, commit: `c${String(i).padStart(11, '0')}`, machine: 'box', at: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`, state: 'ok', median, cv: 0.012, n: 30, unit: 'ns', verdict: 'unchanged', inWindow: true, ...overrides };
}

const baseline: Baseline = { caseId: 'json/parse 1MB', machine: 'box', runId: 'run-1', commit: 'c00000000001', median: 1000, unit: 'ns', acceptedBy: 'slack:U0ADA1234', acceptedAt: '2024-05-02T10:00:00.000Z', reason: 'first' };

describe('historyMessage', () => {
  const entries = [entry(1, 1000), entry(2, 1010), entry(3, 1200, { verdict: 'regressed' })];
  const message = historyMessage({ caseId: 'json/parse 1MB', entries, baseline, machine: 'box' });

  it('names the case in the header', () => {
    expect((message.blocks[0] as HeaderBlock).text.text).toBe('History of json/parse 1MB');
  });

  it('sums up the latest result, the baseline and the trend', () => {
    const text = allText(message);
    expect(text).toContain('*Latest:* 1.20 µs at `c000000000` (slower)');
    expect(text).toContain('*Baseline:* 1.00 µs at `c000000000`, accepted by <@U0ADA1234>');
    expect(text).toContain('*Trend* (3 runs): `▁▁█`');
  });

  it('lists the newest run first and marks the baseline run', () => {
    const table = allText(message).split('\n').filter((l) => l.includes('2024-05'));
    expect(table[0]).toContain('1.20 µs');
    expect(table.at(-1)).toMatch(/unchanged\s+baseline/);
  });

  it("links to the case's page when the site has an address, else names the CLI", () => {
    expect(allText(message)).toContain('`perflab history` on the CLI shows everything');
    const linked = historyMessage({ caseId: 'json/parse 1MB', entries, baseline, pageUrl: 'https://perf.example.com/cases/json~2Fparse~201MB.html' });
    expect(allText(linked)).toContain("<https://perf.example.com/cases/json~2Fparse~201MB.html|the case's page> shows every run");
    expect(allText(linked)).not.toContain('perflab history');
  });

  it('says how to get a history when there is none', () => {
    const empty = historyMessage({ caseId: 'json/<new>', entries: [] });
    expect(empty.text).toBe('No history for json/&lt;new&gt; yet');
    expect(allText(empty)).toContain('`/perflab run "json/&lt;new&gt;"`');
  });

  it('shows the newest rows of a long history within limits', () => {
    const long = Array.from({ length: 2000 }, (_, i) => entry(i, 1000 + (i % 50), { unit: i % 2 ? 'ns' : 'req/s', state: i % 13 ? 'ok' : 'errored' }));
    const big = historyMessage({ caseId: `x/${'<'.repeat(500)}`, entries: long, baseline, machine: 'm'.repeat(300) }, { maxRows: 500 });
    expectWithinLimits(big);
    expect(allText(big)).toMatch(/Newest \d+ of 2000 runs/);
  });
});

describe('sparkline', () => {
  it('draws the lowest value low and the highest high', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
  });

  it('draws a flat line when nothing moved', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
  });
});
