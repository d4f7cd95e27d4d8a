import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../src/bot/blocks/alert-message.js';
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { parseButtonValue } from '../../../src/bot/blocks/button-value.js';
import { alertOf, allText, buttonsOf, contextTexts, expectWithinLimits, regressedCase, regressionView } from './fixtures.js';

function headerText(blocks: KnownBlock[]): string | undefined {
  return blocks.find((b): b is HeaderBlock => b.type === 'header')?.text.text;
}

describe('alertMessage: regression', () => {
  const view = regressionView({ comparisons: [regressedCase('json/parse 1MB', 1.18), regressedCase('json/stringify', 1.07)] });
  const message = alertMessage(view);

  it('says how many cases regressed in the header', () => {
    expect(headerText(message.blocks)).toBe('Performance regression in 2 cases');
  });

  it('says "1 case" for one', () => {
    expect(headerText(alertMessage(regressionView()).blocks)).toBe('Performance regression in 1 case');
  });

  it('shows baseline vs current, Δ with its CI, p and runs for each case, worst first', () => {
    const sections = message.blocks.filter((b): b is SectionBlock => b.type === 'section' && b.fields?.length === 4);
    expect(sections.map((s) => s.text?.text)).toEqual(['*json/parse 1MB* — :small_red_triangle: slower', '*json/stringify* — :small_red_triangle: slower']);
    const fields = sections[0]?.fields?.map((f) => f.text) ?? [];
    expect(fields[0]).toBe('*Baseline → current*\n1.20 µs → 1.42 µs');
    expect(fields[1]).toBe('*Δ*\n+18.0% (CI +12.0% … +24.0%)');
    expect(fields[2]).toBe('*p*\n4.0e-4');
    expect(fields[3]).toBe('*Runs*\n12 per side, interleaved (n = 30)');
  });

  it('names the commit range and the author', () => {
    const text = allText(message);
    expect(text).toContain('*Commits*\nbetween `aaaaaaaaaa` and `c0ffee1234`');
    expect(text).toContain('*Author*\n<@U0ADA1234>');
  });

  it('names the bisected culprit with its author instead of the last commit\'s author', () => {
    const culprit = { commit: 'b'.repeat(40), author: 'Alan Turing', subject: 'Mix each block one more round', steps: 2, skipped: [] };
    const text = allText(alertMessage({ ...view, alert: alertOf({ caseIds: view.alert.caseIds, culprit }) }));
    expect(text).toContain('*Culprit (bisected)*\n`bbbbbbbbbb` by Alan Turing: Mix each block one more round');
    expect(text).not.toContain('*Author*');
  });

  it('gives suite, trigger, run and a link as context', () => {
    const ctx = message.blocks.find((b): b is ContextBlock => b.type === 'context');
    const texts = contextTexts(ctx);
    expect(texts).toEqual(['Suite: `json`', 'Trigger: commit · perflab', 'Run `run-7`', '<https://perf.example.com/runs/run-7|Details>']);
  });

  it('offers accept, investigate, dismiss and re-run buttons', () => {
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['perflab.accept', 'perflab.investigate', 'perflab.dismiss', 'perflab.rerun']);
    expect(buttons.map((b) => b.text.text)).toEqual(['Accept as new baseline', 'Investigate', 'Dismiss as noise', 'Re-run']);
    expect(buttons.map((b) => b.style)).toEqual(['primary', undefined, 'danger', undefined]);
  });

  it('asks for confirmation before accepting or dismissing, and only then', () => {
    const [accept, investigate, dismiss, rerun] = buttonsOf(message.blocks);
    expect(accept?.confirm?.title?.text).toBe('Accept as new baseline?');
    expect(accept?.confirm?.text.text).toContain('run `run-7`');
    expect(dismiss?.confirm?.title?.text).toBe('Dismiss as noise?');
    expect(dismiss?.confirm?.style).toBe('danger');
    expect(investigate?.confirm).toBeUndefined();
    expect(rerun?.confirm).toBeUndefined();
  });

  it('puts the alert id, the action and a version in each button value', () => {
    const values = buttonsOf(message.blocks).map((b) => JSON.parse(b.value ?? ''));
    expect(values).toEqual([
      { alertId: 'al-1', action: 'accept', v: 1 },
      { alertId: 'al-1', action: 'investigate', v: 1 },
      { alertId: 'al-1', action: 'dismiss', v: 1 },
      { alertId: 'al-1', action: 'rerun', v: 1 },
    ]);
  });

  it('signs the button values when given a signer, in a way the bot can verify', () => {
    const sign = (payload: string): string => `sig:${payload.length}`;
    const signed = alertMessage(view, { sign });
    for (const button of buttonsOf(signed.blocks)) {
      expect(JSON.parse(button.value ?? '').sig).toMatch(/^sig:\d+$/);
      const parsed = parseButtonValue(button.value, (payload, sig) => sig === sign(payload));
      expect(parsed.ok).toBe(true);
    }
  });

  it('sets a notification text naming the headline and the worst case', () => {
    expect(message.text).toBe('Performance regression in 2 cases at c0ffee1234: json/parse 1MB +18.0%, json/stringify +7.0%');
  });

  it('stays within Slack limits', () => {
    expectWithinLimits(message);
  });
});

describe('alertMessage: other kinds', () => {
  it('pats the author on the back for an improvement', () => {
    const view = regressionView({ alert: alertOf({ kind: 'improvement' }), comparisons: [regressedCase('json/parse 1MB', 0.8)] });
    const message = alertMessage(view);
    expect(headerText(message.blocks)).toBe('Faster! 1 case improved');
    expect(allText(message)).toContain('Nice work, <@U0ADA1234>!');
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toContain('perflab.accept');
  });

  it('names an author without a Slack account by name, escaped', () => {
    const view = regressionView({ alert: alertOf({ kind: 'improvement' }), author: { name: 'Bob <bob@example.com>' } });
    expect(allText(alertMessage(view))).toContain('Nice work, Bob &lt;bob@example.com&gt;!');
  });

  it('holds verdicts back on a noisy machine and offers no accept', () => {
    const view = regressionView({ alert: alertOf({ kind: 'environment-suspect' }), run: { ...regressionView().run, environment: 'suspect' } });
    const message = alertMessage(view);
    expect(headerText(message.blocks)).toBe('Noisy machine: verdicts held back on perf-box-1');
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual(['perflab.investigate', 'perflab.dismiss', 'perflab.rerun']);
  });

  it('lists suite errors with their files', () => {
    const view = regressionView({
      alert: alertOf({ kind: 'suite-error', caseIds: [] }),
      comparisons: [],
      suiteErrors: [{ file: 'suites/json.suite.ts', message: 'SyntaxError: Unexpected token' }],
    });
    const message = alertMessage(view);
    expect(headerText(message.blocks)).toBe('Suite error in 1 file');
    expect(allText(message)).toContain('• `suites/json.suite.ts`: SyntaxError: Unexpected token');
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).not.toContain('perflab.accept');
  });

  it('shows the reason for a case without a measured change', () => {
    const view = regressionView({
      comparisons: [{ caseId: 'io/read', unit: 'ns', comparison: { caseId: 'io/read', verdict: 'errored', reason: 'timed out after 30 s' } }],
    });
    expect(allText(alertMessage(view))).toContain('*io/read* — :x: errored\ntimed out after 30 s');
  });
});

describe('alertMessage: hostile and huge input', () => {
  it('escapes case names so they cannot mention anyone', () => {
    const view = regressionView({ comparisons: [regressedCase('x/<!channel> & <@U999>')] });
    const text = allText(alertMessage(view));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('x/&lt;!channel&gt; &amp; &lt;@U999&gt;');
  });

  it('shows at most 10 cases and points to the thread for the rest', () => {
    const comparisons = Array.from({ length: 200 }, (_, i) => regressedCase(`suite${i % 7}/case number ${i} ${'with a long name '.repeat(10)}`, 1.05 + i / 1000));
    const message = alertMessage(regressionView({ comparisons }));
    const caseSections = message.blocks.filter((b): b is SectionBlock => b.type === 'section' && b.fields?.length === 4);
    expect(caseSections).toHaveLength(10);
    expect(allText(message)).toContain('…and 190 more cases — see thread');
    // The worst case (largest ratio) comes first.
    expect(caseSections[0]?.text?.text).toContain('case number 199');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expectWithinLimits(message);
  });

  it('stays within limits with 10 KB error messages, 200-character case names and 50 suite errors', () => {
    const huge = `${'<&>'.repeat(1000)}${'x'.repeat(7000)}`;
    const comparisons = Array.from({ length: 200 }, (_, i) => ({
      caseId: `s/${'<'.repeat(200)}${i}`,
      unit: 'ns',
      comparison: { caseId: `s/${i}`, verdict: 'errored' as const, reason: huge },
    }));
    const suiteErrors = Array.from({ length: 50 }, (_, i) => ({ file: `suites/${'deep/'.repeat(100)}${i}.ts`, message: huge }));
    for (const kind of ['regression', 'improvement', 'environment-suspect', 'suite-error'] as const) {
      const message = alertMessage(
        regressionView({
          alert: alertOf({ kind, caseIds: comparisons.map((c) => c.caseId), id: 'a'.repeat(64) }),
          run: { ...regressionView().run, machine: 'm'.repeat(500), id: 'r'.repeat(300), trigger: { kind: 'command', by: huge } },
          comparisons,
          suiteErrors,
          author: { name: huge },
          link: `https://example.com/${'a'.repeat(5000)}`,
        }),
        { sign: () => 'f'.repeat(64) },
      );
      expect(message.text.length).toBeGreaterThan(0);
      expectWithinLimits(message);
    }
  });
});
