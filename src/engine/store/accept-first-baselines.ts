// A case's first result on a machine becomes its baseline, accepted by
// perflab itself (later ones are accepted by people).
import type { RecordedResult, Run } from '../model.js';
import type { Store } from './store.js';

export async function acceptFirstBaselines(store: Store, run: Pick<Run, 'id' | 'commit' | 'machine'>, recorded: readonly Pick<RecordedResult, 'result' | 'comparison'>[]): Promise<void> {
  for (const { result, comparison } of recorded) {
    if (comparison?.verdict !== 'no-baseline' || result.state !== 'ok') continue;
    await store.acceptBaseline({
      caseId: result.caseId,
      machine: run.machine,
      runId: run.id,
      commit: run.commit,
      median: result.summary.median,
      unit: result.summary.unit,
      acceptedBy: 'perflab',
      acceptedAt: new Date().toISOString(),
      reason: 'first result on this machine',
    });
  }
}
