import type { Comparison } from '../../../src/engine/model.js';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { alertMessage } from '../../../src/bot/blocks/alert-message.js';
import { alertResolved } from '../../../src/bot/blocks/alert-resolved.js';
import { compareMessage } from '../../../src/bot/blocks/compare-message.js';
import { runProgress } from '../../../src/bot/blocks/run-progress.js';
import { statusMessage } from '../../../src/bot/blocks/status-message.js';
import type { Verdict } from '../../../src/engine/model.js';
import { alertOf, expectWithinLimits, regressionView } from './fixtures.js';

// Any text the engine might pass on: unicode, Slack control characters, and sometimes a lot of it.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '`', '*', '|', '\n', 'x', 'é', '😀'), maxLength: 400 }),
  fc.string({ unit: 'grapheme', minLength: 2000, maxLength: 4000 }),
);
const verdict = fc.constantFrom<Verdict>('regressed', 'improved', 'unchanged', 'no-baseline', 'unstable', 'errored');
const number = fc.oneof(fc.double(), fc.constantFrom(1, 0.5, 2, 1e-9));
const caseView = fc.record({
  caseId: text,
  unit: fc.oneof(fc.constant('ns'), text),
  baselineMedian: number,
  currentMedian: number,
  comparison: fc.record({
    caseId: text,
    verdict,
    reason: text,
    change: fc.option(fc.record({ ratio: number, ciLow: number, ciHigh: number, pValue: number, method: fc.constantFrom('interleaved' as const, 'window' as const), runs: fc.nat() }), { nil: undefined }),
  }).map((c) => c as Comparison), // any shape a builder might meet, even one the model would not allow
});
const kind = fc.constantFrom('regression' as const, 'improvement' as const, 'environment-suspect' as const, 'suite-error' as const);

describe('every builder stays within Slack limits on any engine data', () => {
  it('alerts, open and resolved', () => {
    fc.assert(
      fc.property(kind, fc.array(caseView, { maxLength: 30 }), text, text, fc.array(fc.record({ file: text, message: text }), { maxLength: 8 }), (k, comparisons, name, machine, suiteErrors) => {
        const view = regressionView({
          alert: alertOf({ kind: k, caseIds: comparisons.map((c) => c.caseId) }),
          run: { ...regressionView().run, machine, trigger: { kind: 'command', by: name } },
          comparisons,
          author: { name },
          link: name,
          suiteErrors,
        });
        expectWithinLimits(alertMessage(view, { sign: () => 'f'.repeat(64) }));
        expectWithinLimits(alertResolved(view, { state: 'investigating', by: name, at: name, assignee: name, note: machine }));
        expectWithinLimits(alertResolved(view, { state: 'accepted', by: name, at: '2024-05-01T00:00:00Z', reason: machine }));
      }),
      { numRuns: 150 },
    );
  });

  it('progress, status and compare messages', () => {
    fc.assert(
      fc.property(text, text, fc.array(fc.record({ caseId: text, verdict, reason: text }), { maxLength: 40 }), (a, b, comparisons) => {
        expectWithinLimits(runProgress({ jobId: a, what: b, ref: a, commit: b, by: a, progress: { state: 'failed', error: b } }));
        expectWithinLimits(statusMessage(comparisons.map((c) => ({ id: a, state: 'running' as const, what: c.reason, who: c.caseId, since: b }))));
        expectWithinLimits(compareMessage({ refA: a, refB: b, commitA: a, commitB: b, comparisons, onlyA: [a], onlyB: [b], suiteErrors: [{ side: 'A', file: a, error: { message: b } }] }));
      }),
      { numRuns: 150 },
    );
  });
});
