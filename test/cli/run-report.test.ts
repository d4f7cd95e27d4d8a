import { describe, expect, it } from 'vitest';
import { humanReport } from '../../src/cli/commands/run.js';
import type { Alert, Run } from '../../src/engine/model.js';
import type { BenchReport } from '../../src/modes/bench/run-bench.js';

const run: Run = { id: 'r9', mode: 'bench', commit: 'c0ffee1234567890', dirty: false, machine: 'lab-1', trigger: { kind: 'cli', by: 'cli:ada' }, startedAt: '2026-12-01T00:00:00.000Z', finishedAt: '2026-12-01T00:01:00.000Z', environment: 'ok' };
const report = (alerts: Alert[]): BenchReport => ({ run, entries: [], canary: null, suiteErrors: [], alerts });

describe('humanReport: what the history shows', () => {
  it('tells a drift with its sentence and p, and a regression closed as fixed', () => {
    const drift: Alert = {
      id: 'r9-drift-1',
      runId: 'r9',
      commit: 'd4e5f6a',
      kind: 'drift',
      caseIds: ['json/parse'],
      state: 'open',
      createdAt: '2026-12-01T00:01:00.000Z',
      drift: { caseId: 'json/parse', from: { runId: 'r3', commit: 'a1b2c3d', at: '' }, to: { runId: 'r8', commit: 'd4e5f6a', at: '' }, commits: 5, meanBefore: 100, meanAfter: 105.8, unit: 'ns', ratio: 1.058, pValue: 2e-9, summary: '+5.8% between a1b2c3d and d4e5f6a, over 5 commits' },
    };
    const fixed: Alert = { id: 'r5-regression', runId: 'r5', commit: 'bad', kind: 'regression', caseIds: ['json/stringify'], state: 'fixed', createdAt: '2026-11-30T00:00:00.000Z', fixedIn: { runId: 'r9', commit: run.commit } };

    const text = humanReport(report([drift, fixed]));

    expect(text).toContain('json/parse drifted +5.8% between a1b2c3d and d4e5f6a, over 5 commits (p 2.0e-9; no run was flagged for it): alert r9-drift-1');
    expect(text).toContain('fixed: json/stringify back at the old level, alert r5-regression closed');
  });
});
