// The canary recovers: after CANARY_RECOVERY_RUNS moved runs in a row its new
// level is its baseline. Measured for real (the canary in a fresh worker, a
// real store on disk, a real git repository); only the canary's past is
// written into the store.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedResult } from '../../../src/engine/model.js';
import type { HistoryEntry, Store } from '../../../src/engine/store/store.js';
import { CANARY_RECOVERY_RUNS, canaryStayedMoved } from '../../../src/modes/bench/canary-recovery.js';
import { useBenchInRepo } from '../../helpers/bench-in-repo.js';
import { spinSuite } from '../../helpers/temp-repo.js';

const MACHINE = 'test-machine';
const CANARY = 'perflab/canary';
const N = CANARY_RECOVERY_RUNS;

describe('canaryStayedMoved', () => {
  const baseline = { runId: 'b', acceptedAt: '2026-11-01T00:00:00.000Z', median: 100 };
  const entry = (i: number, median: number, verdict: HistoryEntry['verdict']): HistoryEntry => ({
    runId: `r${i}`,
    commit: null,
    machine: MACHINE,
    at: `2026-11-01T${String(i + 1).padStart(2, '0')}:00:00.000Z`,
    state: 'ok',
    median,
    verdict,
    inWindow: verdict === 'unchanged',
  });
  const history = (...runs: [number, HistoryEntry['verdict']][]) => [{ ...entry(-1, 100, 'no-baseline'), runId: 'b' }, ...runs.map(([median, verdict], i) => entry(i, median, verdict))];
  const moved = (count: number, median = 130): [number, HistoryEntry['verdict']][] => Array.from({ length: count }, () => [median, 'unstable']);

  it(`is true on the ${N}th moved run in a row, and not on the ${N - 1}th`, () => {
    expect(canaryStayedMoved(history([101, 'unchanged'], ...moved(N - 1)), baseline, 131)).toBe(true);
    expect(canaryStayedMoved(history([101, 'unchanged'], ...moved(N - 2)), baseline, 131)).toBe(false);
  });

  it('counts again after a run that did not move, and needs every run on the same side', () => {
    expect(canaryStayedMoved(history(...moved(2), [100, 'unchanged'], ...moved(N - 2)), baseline, 131)).toBe(false);
    expect(canaryStayedMoved(history(...moved(N - 2), [70, 'unstable']), baseline, 131)).toBe(false);
    expect(canaryStayedMoved(history(...moved(N - 1, 70)), baseline, 71)).toBe(true);
  });

  it('only counts runs since the baseline', () => {
    const entries = history(...moved(N - 1));
    const later = { runId: entries[2]!.runId, acceptedAt: entries[2]!.at, median: 100 };
    expect(canaryStayedMoved(entries, later, 131)).toBe(false);
  });
});

describe('runBench with a canary that moved and stayed moved', () => {
  const bench = useBenchInRepo({ machine: MACHINE, canary: true });
  const run = bench.run;
  let store: Store;

  beforeEach(() => {
    const { repo } = bench;
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    store = bench.store;
  });

  /**
   * The canary's past on this machine: three times faster at its baseline and
   * over three runs after (its own noise known), then `moved` runs at today's
   * level, each judged unstable (environment-suspect).
   */
  async function canaryPast(moved: number): Promise<void> {
    const first = await run();
    const canary = first.canary?.result;
    if (canary?.state !== 'ok') throw new Error('the canary did not run');
    const record = async (id: string, median: number, verdict: 'unchanged' | 'unstable') => {
      const at = new Date().toISOString();
      await store.beginRun({ ...first.run, id, startedAt: at, environment: verdict === 'unstable' ? 'suspect' : 'ok' });
      const result: RecordedResult = { runId: id, commit: null, machine: MACHINE, recordedAt: at, result: { ...canary, summary: { ...canary.summary, median } }, comparison: { caseId: CANARY, verdict, reason: 'seeded' }, inWindow: verdict === 'unchanged' };
      await store.recordResults(id, [result]);
      await store.finishRun(id, { finishedAt: at, environment: verdict === 'unstable' ? 'suspect' : 'ok' });
    };
    const today = canary.summary.median;
    for (const [i, factor] of [3, 3.03, 2.97, 3.01].entries()) {
      await record(`fast-canary-${i}`, today / factor, 'unchanged');
      if (i === 0) await store.acceptBaseline({ caseId: CANARY, machine: MACHINE, runId: `fast-canary-${i}`, commit: null, median: today / factor, unit: canary.summary.unit, acceptedBy: 'test', acceptedAt: new Date().toISOString(), reason: 'test' });
    }
    for (let i = 0; i < moved; i++) await record(`moved-canary-${i}`, today * (1 + 0.01 * (i % 2)), 'unstable');
  }

  it(`accepts the canary's new level after ${N} moved runs: audited, told once, and the run is judged`, async () => {
    await canaryPast(N - 1);

    const report = await run();

    expect(report.run.environment).toBe('ok');
    expect(report.canary?.comparison.verdict).toBe('unchanged');
    expect(report.entries[0]?.comparison.reason).not.toContain('The canary moved too');
    const baseline = await store.getBaseline(CANARY, MACHINE);
    expect(baseline).toMatchObject({ runId: report.run.id, acceptedBy: 'perflab' });
    expect(baseline?.reason).toContain(`for ${N} runs in a row`);
    expect((await store.listAudit()).find((e) => e.action === 'baseline.accept' && e.args.caseId === CANARY)).toMatchObject({ actor: 'perflab', args: { runId: report.run.id } });
    expect(report.alerts).toEqual([expect.objectContaining({ kind: 'machine-changed', caseIds: [CANARY], state: 'accepted', stateBy: 'perflab' })]);

    // Told once: the next run is judged against the new level, with nothing to say about the machine.
    const next = await run();
    expect(next.run.environment).toBe('ok');
    expect(next.alerts.filter((a) => a.kind === 'machine-changed' || a.kind === 'environment-suspect')).toEqual([]);
  });

  it(`keeps holding verdicts back after ${N - 1} moved runs`, async () => {
    await canaryPast(N - 2);

    const report = await run();

    expect(report.run.environment).toBe('suspect');
    expect(report.canary?.comparison.verdict).toBe('unstable');
    expect((await store.getBaseline(CANARY, MACHINE))?.runId).toBe('fast-canary-0');
    expect(report.alerts.map((a) => a.kind)).toEqual(['environment-suspect']);
  });
});
