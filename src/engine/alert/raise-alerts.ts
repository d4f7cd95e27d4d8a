// A run's alerts, one per kind: stored (not yet posted) for the cases of
// each non-empty group, in the order given.
import type { Alert, Run } from '../model.js';
import type { Store } from '../store/store.js';

export async function raiseAlerts(store: Store, run: Pick<Run, 'id' | 'commit'>, groups: readonly (readonly [Alert['kind'], readonly string[]])[]): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const [kind, caseIds] of groups) {
    if (caseIds.length === 0) continue;
    const alert: Alert = { id: `${run.id}-${kind}`, runId: run.id, commit: run.commit, kind, caseIds: [...caseIds], state: 'open', createdAt: new Date().toISOString() };
    await store.addAlert(alert);
    alerts.push(alert);
  }
  return alerts;
}
