import { describe, expect, it } from 'vitest';
import type { HeaderBlock } from '@slack/types';
import { alertMessage } from '../../../src/bot/blocks/alert-message.js';
import { alertResolved } from '../../../src/bot/blocks/alert-resolved.js';
import type { Drift } from '../../../src/engine/model.js';
import { alertOf, allText, buttonsOf, expectWithinLimits, regressionView, runOf } from './fixtures.js';

const drift: Drift = {
  caseId: 'json/parse 1MB',
  from: { runId: 'run-3', commit: 'a1b2c3d4e5f60718', at: '2024-04-28T10:00:00.000Z' },
  to: { runId: 'run-6', commit: 'd4e5f6a7b8c90011', at: '2024-04-30T10:00:00.000Z' },
  commits: 5,
  meanBefore: 1200,
  meanAfter: 1269.6,
  unit: 'ns',
  ratio: 1.058,
  pValue: 2.1e-9,
  summary: '+5.8% between a1b2c3d and d4e5f6a, over 5 commits',
};

const driftView = () =>
  regressionView({ alert: alertOf({ kind: 'drift', drift, caseIds: [drift.caseId], commit: drift.to.commit }), comparisons: [], commitRange: { from: drift.from.commit, to: drift.to.commit } });

describe('alertMessage: drift', () => {
  const message = alertMessage(driftView());

  it('names the case and the size in the header', () => {
    expect(message.blocks.find((b): b is HeaderBlock => b.type === 'header')?.text.text).toBe('Slow drift: json/parse 1MB +5.8%');
  });

  it('says how much, between which commits and over how many, and that no run was flagged', () => {
    const text = allText(message);
    expect(text).toContain('moved +5.8% between a1b2c3d and d4e5f6a, over 5 commits');
    expect(text).toContain('*Commits*\nbetween `a1b2c3d4e5` and `d4e5f6a7b8`');
  });

  it('carries the segment means and the p-value of the split', () => {
    const text = allText(message);
    expect(text).toContain('*Level before → after*\n1.20 µs → 1.27 µs');
    expect(text).toContain('*p of the split*\n2.1e-9');
  });

  it('offers the same buttons as a regression', () => {
    const regression = alertMessage(regressionView());
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual(buttonsOf(regression.blocks).map((b) => b.action_id));
    expectWithinLimits(message);
  });
});

describe('alertResolved: closed by perflab', () => {
  it('a regression measured back says so, at which commit, without buttons', () => {
    const message = alertResolved(regressionView(), { state: 'fixed', by: 'perflab', at: '2024-05-02T08:00:00.000Z', commit: 'f1xedf1xed0011', measured: true });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(message)).toContain(':white_check_mark: Fixed: measured back at the old level at `f1xedf1xed`');
    expect(message.text).toBe('Fixed (perflab): Performance regression in 1 case');
  });

  it('a machine that changed is told as already accepted, without buttons', () => {
    const view = regressionView({ alert: alertOf({ kind: 'machine-changed', caseIds: ['perflab/canary'], state: 'accepted' }), comparisons: [], run: runOf({ machine: 'perf-box-1' }) });
    const message = alertResolved(view, { state: 'accepted', by: 'perflab', at: '2024-05-02T08:00:00.000Z' });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(message)).toContain('The machine changed: new canary level on perf-box-1');
    expect(allText(message)).toContain("accepted the canary's new level as its baseline");
  });
});
