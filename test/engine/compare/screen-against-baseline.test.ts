// The screen against a real store's window: a case whose window holds only
// one session's runs screens at twice its threshold until the window has
// YOUNG_WINDOW.runs runs; a case with history from before its baseline
// screens as usual.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenAgainstBaseline, YOUNG_WINDOW } from '../../../src/engine/compare/compare-to-baseline.js';
import type { Baseline, Run, Summary } from '../../../src/engine/model.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import type { Store } from '../../../src/engine/store/store.js';
import { seedRuns } from '../../helpers/seed-runs.js';

const CASE = 'json/parse';
const MACHINE = 'box';
const HOUR = 3_600_000;
const THRESHOLD = 0.03;

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-screen-'));
  store = await openStore(dir);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
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
