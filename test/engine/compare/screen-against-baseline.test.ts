// The screens against a real store's window: a case whose window holds only
// one session's runs screens at twice its threshold until the window has
// YOUNG_WINDOW.runs runs; a case with history from before its baseline
// screens as usual. And which screen `compareToBaseline` uses for where the
// baseline's code is (`BaselineCode`).
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRunOptions } from '../../../src/engine/compare/confirm-change.js';
import { compareToBaseline, screenAgainstBaseline, YOUNG_WINDOW, type BaselineCode, type ConfirmSuspect } from '../../../src/engine/compare/compare-to-baseline.js';
import type { Baseline, Result, Run, Summary } from '../../../src/engine/model.js';
import { PAIRED_SCREEN } from '../../../src/engine/stats/index.js';
import type { Store } from '../../../src/engine/store/store.js';
import { seedRuns } from '../../helpers/seed-runs.js';
import { useTempStore } from '../../helpers/temp-store.js';

const CASE = 'json/parse';
const MACHINE = 'box';
const HOUR = 3_600_000;
const THRESHOLD = 0.03;

const temp = useTempStore('perflab-screen-');
let store: Store;

beforeEach(() => {
  store = temp.store;
});

/** Runs at 100 ns ± a little, one an hour; the one at `baselineAt` accepted from three runs back to back. */
async function history(runs: number, baselineAt: number): Promise<Baseline> {
  const seeded: Run[] = await seedRuns(store, {
    machine: MACHINE,
    times: Array.from({ length: runs }, (_, i) => Date.UTC(2026, 11, 1) + i * HOUR),
    cases: { [CASE]: (i) => 100 + (i % 2) * 0.2 },
    comparisonOf: (caseId, i) => ({ caseId, verdict: i === baselineAt ? 'no-baseline' : 'unchanged', reason: 'seeded' }),
  });
  const run = seeded[baselineAt] as Run;
  const baseline: Baseline = { caseId: CASE, machine: MACHINE, runId: run.id, commit: run.commit, median: 100, unit: 'ns', acceptedBy: 'perflab', acceptedAt: run.startedAt, reason: 'first', runMedians: [100, 100.2, 100.1] };
  await store.acceptBaseline(baseline);
  return baseline;
}

function summary(median: number): Summary {
  return { n: 30, unit: 'ns', direction: 'lower', median, mad: 0.5, mean: median, cv: 0.01, min: median - 1, max: median + 1, p50: median, p90: median, p99: median };
}

const screenAt = async (baseline: Baseline, median: number) => (await screenAgainstBaseline(store, CASE, MACHINE, baseline, summary(median), THRESHOLD)).screened;

describe('screenAgainstBaseline on a case with one session behind it', () => {
  it('asks twice the threshold of a case whose window holds only its first baseline, and says why', async () => {
    const baseline = await history(1, 0);
    const within = await screenAt(baseline, 105);
    expect(within.suspect).toBe(false);
    expect(within.limit).toBeCloseTo(2 * THRESHOLD, 10);
    expect(within.reason).toContain("6.0% (2 × the threshold while the window holds one session's 3 of 5 runs)");
    expect((await screenAt(baseline, 107)).suspect).toBe(true);
  });

  it('screens as usual once the window holds enough runs', async () => {
    const baseline = await history(YOUNG_WINDOW.runs - 2, 0); // 3 accepted runs + 2 since: 5 in the window
    const screened = await screenAt(baseline, 105);
    expect(screened.suspect).toBe(true);
    expect(screened.limit).toBeLessThanOrEqual(THRESHOLD);
    expect(screened.reason).not.toContain('one session');
  });

  it('screens as usual a case re-baselined with history before its baseline', async () => {
    const baseline = await history(6, 5); // five runs before the accepted one
    const screened = await screenAt(baseline, 105);
    expect(screened.suspect).toBe(true);
    expect(screened.reason).not.toContain('one session');
  });
});

describe('compareToBaseline: which screen, for where the baseline\'s code is', () => {
  function result(median: number): Result {
    return { caseId: CASE, suite: 'json', name: 'parse', mode: 'bench', state: 'ok', kind: 'function', summary: summary(median), samples: '', batch: 1 };
  }

  /** Compares a run at `median` with a 10-run window at ~100 ns; the confirmation records how it was asked and measures nothing. */
  async function compare(code: BaselineCode, median: number) {
    await history(8, 0);
    const asked: ConfirmRunOptions[] = [];
    const confirm: ConfirmSuspect = async (_baseline, _window, run) => {
      asked.push(run);
      return { verdict: 'unchanged', reason: 'Confirmed nothing.', change: { ratio: 1, ciLow: 0.99, ciHigh: 1.01, pValue: 0.5, method: 'interleaved', runs: 4 }, medians: { unit: 'ns', baseline: [], candidate: [] } };
    };
    const ctx = { store, machine: MACHINE, environment: 'ok' as const };
    const comparison = await compareToBaseline(ctx, CASE, THRESHOLD, result(median), confirm, { baselineCode: async () => code });
    return { comparison, asked };
  }

  it('confirms nothing for the baseline\'s own code, however far the run moved, and says so', async () => {
    const { comparison, asked } = await compare('same', 120);
    expect(asked).toEqual([]);
    expect(comparison.verdict).toBe('unchanged');
    expect(comparison.reason).toMatch(/^The same code as the baseline \([0-9a-f]{12}\), clean trees: nothing to confirm\. Run median 120\.0 ns is 19\.8% above the median 100\.2 ns of 10 earlier runs: only the machine can differ\.$/);
    expect(comparison.evidence?.screening.delta).toBeCloseTo(120 / 100.1 - 1, 2);
  });

  it('screens a possibly changed commit on pairs even when the window saw nothing', async () => {
    const { comparison, asked } = await compare('beside', 100.1);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.screenPairs).toBe(PAIRED_SCREEN.pairs);
    expect(comparison.reason).toMatch(/^Against the window: Run median .* within the limit .* Confirmed nothing\.$/);
  });

  it('sends a run the window saw worse straight to confirmation, with no paired screen to pass it', async () => {
    const { asked } = await compare('beside', 110);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.screenPairs).toBeUndefined();
  });

  it('screens a run that looks better on pairs: the pairs may clear it', async () => {
    const { asked } = await compare('beside', 90);
    expect(asked[0]?.screenPairs).toBe(PAIRED_SCREEN.pairs);
  });

  it('with no older code, confirms only what the window screen finds suspect', async () => {
    expect((await compare('none', 100.1)).asked).toEqual([]);
    const { asked } = await compare('none', 110);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.screenPairs).toBeUndefined();
  });
});
