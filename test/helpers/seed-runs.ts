// A store with a history written straight into it: runs at chosen times with
// chosen medians, as if measured, for tests of what is read back (history,
// charts, reports) that should not wait for real measurements.
import { createHash } from 'node:crypto';
import type { Baseline, Comparison, RecordedResult, Run } from '../../src/engine/model.js';
import { newRunId } from '../../src/engine/run-id.js';
import type { Store } from '../../src/engine/store/store.js';

export interface SeedRuns {
  machine: string;
  /** Each run's time, epoch ms, oldest first. */
  times: readonly number[];
  /** Per case id, its median (ns) in run i. */
  cases: Record<string, (i: number) => number>;
  /** Coefficient of variation of every result; default 0.01. */
  cv?: number;
  /** Commit of run i; default a made-up SHA, one per run. */
  commitOf?: (i: number) => string;
  /** The comparison of a case's result in run i; default `no-baseline` for run 0, else `unchanged`. A verdict other than those keeps the result out of the window. */
  comparisonOf?: (caseId: string, i: number) => Comparison | undefined;
}

/** Records one finished run per time, each with a result for every case; returns the runs, oldest first. */
export async function seedRuns(store: Store, seed: SeedRuns): Promise<Run[]> {
  const runs: Run[] = [];
  for (const [i, ms] of seed.times.entries()) {
    const at = new Date(ms).toISOString();
    const commit = seed.commitOf?.(i) ?? createHash('sha1').update(`seeded run ${i}`).digest('hex');
    const run: Run = { id: newRunId(new Date(ms)), mode: 'bench', commit, dirty: false, machine: seed.machine, trigger: { kind: 'cli', by: 'cli:seed' }, startedAt: at, finishedAt: null, environment: 'ok' };
    await store.beginRun(run);
    const results = Object.entries(seed.cases).map(([caseId, medianOf]): RecordedResult => {
      const median = medianOf(i);
      const comparison: Comparison = seed.comparisonOf?.(caseId, i) ?? { caseId, verdict: i === 0 ? 'no-baseline' : 'unchanged', reason: 'seeded' };
      const [suite = caseId, name = caseId] = caseId.split('/');
      return {
        runId: run.id,
        commit,
        machine: seed.machine,
        recordedAt: at,
        result: {
          caseId,
          suite,
          name,
          mode: 'bench',
          state: 'ok',
          kind: 'function',
          summary: { n: 30, unit: 'ns', direction: 'lower', median, mad: median * 0.005, mean: median, cv: seed.cv ?? 0.01, min: median * 0.98, max: median * 1.02, p50: median, p90: median * 1.01, p99: median * 1.02 },
          samples: '',
          batch: 1,
        },
        comparison,
        inWindow: comparison.verdict === 'unchanged' || comparison.verdict === 'no-baseline',
      };
    });
    await store.recordResults(run.id, results);
    await store.finishRun(run.id, { finishedAt: at, environment: 'ok' });
    runs.push(run);
  }
  return runs;
}

/** Makes `run`'s result of each case its baseline, accepted by `by`. */
export async function seedBaselines(store: Store, run: Run, caseIds: readonly string[], by = 'cli:seed'): Promise<Baseline[]> {
  const results = await store.runResults(run.id);
  const baselines: Baseline[] = [];
  for (const caseId of caseIds) {
    const result = results.find((r) => r.result.caseId === caseId)?.result;
    if (result?.state !== 'ok') throw new Error(`run ${run.id} has no ok result of ${caseId}`);
    const baseline: Baseline = { caseId, machine: run.machine, runId: run.id, commit: run.commit, median: result.summary.median, unit: result.summary.unit, acceptedBy: by, acceptedAt: run.startedAt, reason: 'seeded' };
    await store.acceptBaseline(baseline);
    baselines.push(baseline);
  }
  return baselines;
}
