// After a run is recorded: for each case it measured, a change of level over
// the case's history that no alert told about becomes a `drift` alert
// (`findDrift`). What was alerted is read from the store, so a change is
// alerted once, also across restarts.
import type { Alert, Run } from '../model.js';
import type { Store } from '../store/store.js';
import { alertedSpans, findDrift, machineMoves, type FindDriftOptions } from './find-drift.js';

/** Runs of a case's history searched for a drift: enough for a slow one, few enough to search after every run (E-Divisive is O(n · window); see e-divisive.ts for measured costs). */
export const DRIFT_HISTORY_RUNS = 200;

export interface DriftCheck extends FindDriftOptions {
  /** The canary's case id: a drift at the same time as one of its change points is the machine's, and not alerted. */
  canaryId?: string;
}

export async function raiseDriftAlerts(store: Store, run: Pick<Run, 'id' | 'commit' | 'machine'>, caseIds: readonly string[], check: DriftCheck = {}): Promise<Alert[]> {
  if (caseIds.length === 0) return [];
  const { canaryId, ...options } = check;
  const known = await store.listAlerts();
  const machine = canaryId ? machineMoves(await store.history(canaryId, { machine: run.machine, limit: DRIFT_HISTORY_RUNS }), options) : [];
  const raised: Alert[] = [];
  for (const caseId of new Set(caseIds)) {
    if (caseId === canaryId) continue;
    const history = await store.history(caseId, { machine: run.machine, limit: DRIFT_HISTORY_RUNS });
    const runAt = new Map(history.map((e) => [e.runId, e.at]));
    const drift = findDrift(caseId, history, [...alertedSpans(caseId, known, runAt), ...machine], options);
    if (!drift) continue;
    const alert: Alert = {
      id: `${run.id}-drift-${raised.length + 1}`,
      runId: run.id,
      commit: drift.to.commit,
      kind: 'drift',
      caseIds: [caseId],
      drift,
      state: 'open',
      createdAt: new Date().toISOString(),
    };
    await store.addAlert(alert);
    raised.push(alert);
  }
  return raised;
}
