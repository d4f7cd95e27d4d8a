// A stress run end to end against a real store: results, findings, alerts,
// and baselines for p99, throughput and error rate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import type { Store } from '../../../src/engine/store/store.js';
import { MIN_WINDOW } from '../../../src/modes/stress/compare-stress-metrics.js';
import { runStress, type StressProgress } from '../../../src/modes/stress/run-stress.js';
import { StressPool } from '../../../src/modes/stress/stress-pool.js';
import { useTempStore } from '../../helpers/temp-store.js';

const DIR = fileURLToPath(new URL('../../fixtures/stress/', import.meta.url));
const pool = new StressPool();
const temp = useTempStore('perflab-stress-store-');
let store: Store;

beforeEach(() => {
  store = temp.store;
});

afterEach(() => {
  delete process.env.PERFLAB_FIXTURE_DELAY_MS;
});

function stress(pattern: string, onProgress?: (e: StressProgress) => void) {
  return runStress({ suitesDir: DIR, filter: caseFilter(pattern), store, machine: 'test-machine', trigger: { kind: 'cli', by: 'cli:test' }, checkout: null, pool, ...(onProgress ? { onProgress } : {}) });
}

describe('runStress', () => {
  it('records the run, the scenario and its metric series, and reports live progress', async () => {
    const events: StressProgress[] = [];
    const report = await stress('fixture/fast http', (e) => events.push(e));
    expect(report.entries.map((e) => [e.caseId, e.verdict])).toEqual([['fixture/fast http', 'passed']]);
    expect(report.alerts).toEqual([]);
    expect((await store.getRun(report.run.id))).toMatchObject({ mode: 'stress', finishedAt: expect.any(String) });
    const recorded = await store.runResults(report.run.id);
    expect(recorded.map((r) => r.result.caseId)).toEqual(['fixture/fast http', 'fixture/fast http:p99', 'fixture/fast http:throughput', 'fixture/fast http:errors']);
    // The first run of each metric becomes its baseline.
    expect((await store.getBaseline('fixture/fast http:p99', 'test-machine'))).toMatchObject({ runId: report.run.id, unit: 'ns' });
    expect(events.map((e) => e.type)).toContain('live');
    expect(events.at(-1)).toMatchObject({ type: 'scenario-done', verdict: 'passed' });
  });

  it('alerts once about a failure that repeats, and counts the repeat as a sighting', async () => {
    const first = await stress('fixture/slow http');
    const second = await stress('fixture/slow http');
    expect(first.alerts.map((a) => a.kind)).toEqual(['finding']);
    expect(first.alerts[0]?.findingIds).toHaveLength(1);
    expect(second.entries[0]?.verdict).toBe('threshold-failed');
    expect(second.alerts).toEqual([]);
    const findings = (await store.listFindings({ mode: 'stress' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'threshold-failed', count: 2, caseId: 'fixture/slow http' });
  });

  it('marks a failure fixed after three passing runs in a row (not one), and alerts again when it comes back', async () => {
    process.env.PERFLAB_FIXTURE_DELAY_MS = '80';
    const failed = await stress('fixture/delay threshold');
    expect(failed.entries[0]?.verdict).toBe('threshold-failed');
    const [finding] = (await store.listFindings({ mode: 'stress' }));

    process.env.PERFLAB_FIXTURE_DELAY_MS = '2';
    await stress('fixture/delay threshold');
    await stress('fixture/delay threshold');
    expect((await store.getFinding(finding?.id ?? ''))).toMatchObject({ state: 'new', cleanRuns: 2 });
    const third = await stress('fixture/delay threshold');
    expect((await store.getFinding(finding?.id ?? ''))).toMatchObject({ state: 'fixed', fixedIn: { runId: third.run.id } });

    process.env.PERFLAB_FIXTURE_DELAY_MS = '80';
    const back = await stress('fixture/delay threshold');
    expect((await store.getFinding(finding?.id ?? ''))?.state).toBe('regressed');
    expect((await store.getFinding(finding?.id ?? ''))?.cleanRuns).toBeUndefined();
    expect(back.alerts.find((a) => a.kind === 'finding')?.findingIds).toEqual([finding?.id]);
  });

  it('flags a p99 that got much worse than its baseline window as a regression', async () => {
    process.env.PERFLAB_FIXTURE_DELAY_MS = '2';
    for (let i = 0; i < MIN_WINDOW; i++) {
      const report = await stress('fixture/delay');
      expect(report.entries[0]?.metrics.find((m) => m.caseId === 'fixture/delay:p99')?.comparison.verdict).toMatch(/no-baseline|unchanged/);
    }
    process.env.PERFLAB_FIXTURE_DELAY_MS = '60';
    const slower = await stress('fixture/delay');
    const p99 = slower.entries[0]?.metrics.find((m) => m.caseId === 'fixture/delay:p99');
    expect(p99?.comparison.verdict).toBe('regressed');
    expect(p99?.comparison.reason).toMatch(/p99 [\d.]+ ms is [\d.]+% above the baseline window's median/);
    expect(slower.entries[0]?.metrics.find((m) => m.caseId === 'fixture/delay:throughput')?.comparison.verdict).toBe('regressed');
    const regression = slower.alerts.find((a) => a.kind === 'regression');
    expect(regression?.caseIds).toEqual(expect.arrayContaining(['fixture/delay:p99', 'fixture/delay:throughput']));
    // A regressed run stays out of the window, so it cannot become "normal".
    const history = await store.history('fixture/delay:p99', { machine: 'test-machine' });
    expect(history.at(-1)).toMatchObject({ verdict: 'regressed', inWindow: false });
  });

  it('stops between scenarios when cancelled and records what finished', async () => {
    const cancel = new AbortController();
    const report = await runStress({
      suitesDir: DIR,
      filter: caseFilter('http'),
      store,
      machine: 'test-machine',
      trigger: { kind: 'cli', by: 'cli:test' },
      checkout: null,
      pool,
      signal: cancel.signal,
      onProgress: (e) => e.type === 'live' && e.phase === 'load' && cancel.abort(),
    });
    expect(report.entries).toEqual([]);
    expect((await store.getRun(report.run.id))?.finishedAt).not.toBeNull();
  });
});
