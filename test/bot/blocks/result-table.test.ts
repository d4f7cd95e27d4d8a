import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '@slack/types';
import { resultTable, type ResultRow } from '../../../src/bot/blocks/run-progress.js';
import type { Result } from '../../../src/engine/model.js';
import { expectWithinLimits } from './fixtures.js';

function okRow(caseId: string, median: number, ratio?: number): ResultRow {
  const result: Result = {
    caseId,
    suite: caseId.split('/')[0] ?? '',
    name: caseId,
    mode: 'bench',
    state: 'ok',
    kind: 'function',
    summary: { n: 30, unit: 'ns', direction: 'lower', median, mad: 1, mean: median, cv: 0.01, min: median, max: median, p50: median, p90: median, p99: median },
    samples: '',
    batch: 1,
  };
  if (ratio === undefined) return { result, comparison: { caseId, verdict: 'no-baseline', reason: 'first run' } };
  return {
    result,
    comparison: { caseId, verdict: ratio > 1.03 ? 'regressed' : 'unchanged', reason: '', change: { ratio, ciLow: ratio - 0.01, ciHigh: ratio + 0.01, pValue: 0.02, method: 'window', runs: 5 } },
  };
}

const sections = (blocks: { type: string }[]): string[] => blocks.filter((b): b is SectionBlock => b.type === 'section').map((s) => s.text?.text ?? '');

describe('resultTable', () => {
  it('shows no ratio beside an unstable verdict: its measured ratio is evidence, not a finding', () => {
    const row = okRow('json/parse 1MB', 1234, 0.677);
    row.comparison = { caseId: 'json/parse 1MB', verdict: 'unstable', reason: 'Could not tell after 30 interleaved pairs: bursts', change: { ratio: 0.677, ciLow: 0.695, ciHigh: 1.036, pValue: 0.02, method: 'interleaved', runs: 30 } };
    const [table] = sections(resultTable([row])[0]?.blocks ?? []);
    expect(table).not.toContain('32.3%');
    expect(table).not.toContain('0.020');
  });

  it('is one aligned monospace table for a small run', () => {
    const messages = resultTable([okRow('json/parse 1MB', 1234, 1.05), okRow('json/stringify', 56_000)]);
    expect(messages).toHaveLength(1);
    const [table] = sections(messages[0]?.blocks ?? []);
    expect(table).toBe(
      [
        '```case             median  Δ (CI)                        p  verdict',
        'json/parse 1MB  1.23 µs  +5.0% (CI +4.0% … +6.0%)  0.020  slower',
        'json/stringify  56.0 µs                                   no baseline```',
      ].join('\n'),
    );
    expect(messages[0]?.text).toBe('Results for 2 cases');
  });

  it('shows an errored case with its message', () => {
    const errored: ResultRow = { result: { caseId: 'io/read', suite: 'io', name: 'read', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_TIMEOUT', message: 'timed out after 30 s' } } };
    expect(sections(resultTable([errored])[0]?.blocks ?? [])[0]).toContain('io/read       —  timed out after 30 s     errored');
  });

  it('says so when there is nothing', () => {
    const [message] = resultTable([]);
    expect(message?.text).toBe('No cases ran.');
  });

  it('splits a big run into sections under 3000 characters and messages within limits, losing no case', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => okRow(`suite${i % 9}/case <${i}> ${'x'.repeat(i % 60)}`, 1000 + i, 1 + (i % 7) / 100));
    const messages = resultTable(rows);
    expect(messages.length).toBeGreaterThan(1);
    let lines = 0;
    for (const message of messages) {
      expectWithinLimits(message);
      for (const text of sections(message.blocks)) {
        expect(text.length).toBeLessThanOrEqual(3000);
        expect(text.startsWith('```case')).toBe(true);
        expect(text.endsWith('```')).toBe(true);
        lines += text.split('\n').length - 1;
      }
    }
    expect(lines).toBe(1000);
    expect(messages[0]?.text).toMatch(/^Results for 1000 cases \(part 1 of \d+\)$/);
  });
});
