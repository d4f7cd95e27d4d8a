import { describe, expect, it } from 'vitest';
import { fuzzSummary } from '../../../src/bot/blocks/fuzz-summary.js';
import type { FuzzCaseStats } from '../../../src/modes/fuzz/fuzz-run-record.js';
import { allText, expectWithinLimits } from './fixtures.js';

const stats = (caseId: string, over: Partial<FuzzCaseStats> = {}): FuzzCaseStats => ({
  caseId, state: 'passed', inputs: 123_456, executions: 123_456, elapsedMs: 2000, executionsPerSecond: 61_728, budgetCoverage: 1, findings: 0, ...over,
});

describe('fuzzSummary', () => {
  it('shows each property with inputs, speed and budget used, and points at the alert for findings', () => {
    const message = fuzzSummary({ cases: [stats('url/round trip'), stats('q/parse', { state: 'failed', findings: 2, budgetCoverage: 0.1 })], suiteErrors: [], alertedFindings: ['f-1'] });
    const text = allText(message);
    expect(text).toContain('url/round trip');
    expect(text).toMatch(/123,456 +61,728 +100% +passed/);
    expect(text).toMatch(/q\/parse .* 10% +failed/);
    expect(text).toContain('1 finding new or back: `f-1`');
    expect(message.text).toBe('Fuzzed 2 properties, 1 finding new or back');
    expectWithinLimits(message);
  });

  it('lists what could not be fuzzed, escaped', () => {
    const message = fuzzSummary({
      cases: [stats('x/p', { state: 'errored', error: { code: 'PERFLAB_E_PROPERTY_BUILD', message: 'building the property threw <!channel>' } })],
      suiteErrors: [{ file: 'suites/broken.ts', error: { message: 'cannot load suite' } }],
      alertedFindings: [],
    });
    const text = allText(message);
    expect(text).toContain('suites/broken.ts: cannot load suite');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('Nothing new found.');
  });

  it('says when nothing matched', () => {
    expect(fuzzSummary({ cases: [], suiteErrors: [], alertedFindings: [] }).text).toBe('No fuzz properties matched.');
  });
});
