import { describe, expect, it } from 'vitest';
import { findingDetails, findingSection } from '../../../src/bot/blocks/finding-section.js';
import { limitViolations } from '../../../src/bot/blocks/limit-violations.js';
import type { Finding } from '../../../src/engine/model.js';

const seen = { runId: 'r1', commit: 'abc123def456', at: '2026-11-21T10:00:00.000Z' };
const finding = (evidence: string, over: Partial<Finding> = {}): Finding => ({
  id: 'f-1a2b3c4d', mode: 'fuzz', caseId: 'url/round trip', signature: 's', kind: 'property-failed', state: 'new', flaky: false,
  title: 'TypeError: <!channel> cannot read x', evidence, detail: {}, firstSeen: seen, lastSeen: seen, count: 3,
  repro: "perflab fuzz 'url/round trip' --seed 1 --path 0:1", ...over,
});

describe('finding blocks', () => {
  it('the alert section shortens the evidence, escapes what came from the code under test, and gives both repro commands', () => {
    const block = JSON.stringify(findingSection(finding(`Counterexample: ${'x'.repeat(5000)}`)));
    expect(block).toContain('more characters in the thread');
    expect(block).toContain('&lt;!channel&gt;');
    expect(block).not.toContain('<!channel>');
    expect(block).toContain("perflab fuzz 'url/round trip' --seed 1 --path 0:1");
    expect(block).toContain('perflab fuzz --replay f-1a2b3c4d');
    expect(block).toContain('seen 3 times');
  });

  it('the thread gets the whole evidence in blocks Slack accepts, even when escaping makes it longer', () => {
    const long = finding(`${'<&>'.repeat(2000)}\n${'stack frame\n'.repeat(400)}`);
    const details = findingDetails(long);
    expect(limitViolations(details)).toEqual([]);
    expect(details.blocks.length).toBeGreaterThan(2);

    const short = findingDetails(finding('Counterexample: ["%"]'));
    expect(JSON.stringify(short)).toContain('Counterexample: [\\"%\\"]');
    expect(JSON.stringify(short)).not.toContain('more characters');
  });
});
