// Runs recorded through the public API, for tests that need some history.
import type { Run } from '../../../../src/engine/model.js';
import type { Store } from '../../../../src/engine/store/store.js';
import { makeResult, makeRun } from './store-fixtures.js';

/** Begins, records (one result per case, a minute after the start) and finishes a run. */
export async function recordRun(store: Store, run: Run, medians: Record<string, number>): Promise<void> {
  await store.beginRun(run);
  await store.recordResults(
    run.id,
    Object.entries(medians).map(([caseId, median]) => makeResult(run, caseId, median)),
  );
  await store.finishRun(run.id, { finishedAt: run.startedAt, environment: 'ok' });
}

/** One run a day from `first` (UTC midnight), each recording `caseId`. */
export async function recordDaily(store: Store, first: string, days: number, caseId = 'parse/json', machine = 'ci-1'): Promise<void> {
  for (let day = 0; day < days; day++) {
    const startedAt = new Date(Date.parse(first) + day * 86_400_000).toISOString();
    await recordRun(store, makeRun({ id: `${machine}-${startedAt.slice(0, 10)}`, startedAt, machine }), { [caseId]: day });
  }
}
