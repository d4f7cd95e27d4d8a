import { describe, expect, it } from 'vitest';
import type { HeaderBlock } from '@slack/types';
import { reportMessage } from '../../../src/bot/blocks/report-message.js';
import { diffReport, type DiffCaseInput } from '../../../src/engine/report/diff-report.js';
import { DAY, syntheticHistory } from '../../engine/report/synthetic-history.js';
import { allText, expectWithinLimits } from './fixtures.js';

const NOW = Date.UTC(2025, 5, 1);

function caseOf(caseId: string, seed: number, factor = 1): DiffCaseInput {
  return { caseId, threshold: 0.03, direction: 'lower', history: syntheticHistory({ now: NOW, days: 60, seed, steps: factor === 1 ? [] : [{ ago: 3 * DAY, factor }] }) };
}

describe('reportMessage', () => {
  const report = diffReport({ now: new Date(NOW), cases: [caseOf('lru/get', 2), caseOf('json/parse 1MB', 7, 1.1)] });
  const message = reportMessage(report);

  it('names the points in the header and counts what moved', () => {
    expect((message.blocks[0] as HeaderBlock).text.text).toBe('perflab report: latest vs previous, day, week, month, year');
    expect(allText(message)).toContain('*1 case regressed* — 2 cases, marked cases first.');
    expect(message.text).toBe('perflab report: 1 regressed, 0 improved of 2 cases');
  });

  it('lists the regressed case first with its change marked, and says when there is no data that far back', () => {
    const rows = allText(message).split('\n').filter((line) => line.includes('/'));
    expect(rows[0]).toMatch(/^json\/parse 1MB\s+.*\+\d+\.\d% ▲/);
    expect(rows[0]).toMatch(/—$/); // a year back: the history covers two months
    expect(rows[1]).toMatch(/^lru\/get/);
  });

  it('stays within Slack limits for 300 cases, saying how many are not shown', () => {
    const cases = Array.from({ length: 300 }, (_, i) => ({ ...caseOf(`suite-${i}/${'<case>'.repeat(8)}`, i, 1), history: syntheticHistory({ now: NOW, days: 10, seed: i }) }));
    const big = reportMessage(diffReport({ now: new Date(NOW), cases }), { pattern: '*' });
    expectWithinLimits(big);
    expect(allText(big)).toMatch(/\d+ more cases not shown/);
  });

  it('links to the pages when the site has an address', () => {
    expect(allText(message)).toContain('`perflab report` on the CLI adds the intervals');
    expect(allText(reportMessage(report, { pageUrl: 'https://perf.example.com/index.html' }))).toContain('<https://perf.example.com/index.html|the pages> chart every case');
  });

  it('says what to do when no case has a baseline', () => {
    const empty = reportMessage(diffReport({ now: new Date(NOW), cases: [] }));
    expect(empty.text).toContain('/perflab run all');
    expect(reportMessage(diffReport({ now: new Date(NOW), cases: [] }), { pattern: 'nope' }).text).toContain('No case with a baseline matches `nope`');
  });
});
