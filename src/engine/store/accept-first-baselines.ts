// A case's first result on a machine becomes its baseline, accepted by
// perflab itself (later ones are accepted by people). A mode may have
// measured the case more than once for it (`runMedians`, per case): the
// baseline's median is then the median of those runs, and they make the
// window the next run is screened against.
import { median } from 'simple-statistics';
import type { RecordedResult, Run } from '../model.js';
import type { Store } from './store.js';

export async function acceptFirstBaselines(
  store: Store,
  run: Pick<Run, 'id' | 'commit' | 'machine'>,
  recorded: readonly Pick<RecordedResult, 'result' | 'comparison'>[],
  runMedians: ReadonlyMap<string, readonly number[]> = new Map(),
): Promise<void> {
  for (const { result, comparison } of recorded) {
    if (comparison?.verdict !== 'no-baseline' || result.state !== 'ok') continue;
    const runs = runMedians.get(result.caseId);
    const several = runs !== undefined && runs.length > 1;
    await store.acceptBaseline({
      caseId: result.caseId,
      machine: run.machine,
      runId: run.id,
      commit: run.commit,
      median: several ? median([...runs]) : result.summary.median,
      unit: result.summary.unit,
      acceptedBy: 'perflab',
      acceptedAt: new Date().toISOString(),
      reason: several ? `first result on this machine (${runs.length} fresh-worker runs)` : 'first result on this machine',
      ...(several ? { runMedians: [...runs] } : {}),
    });
  }
}
