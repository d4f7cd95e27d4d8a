// A regression alert closes itself when its cases are measured back at the
// level they regressed from (issue 13, item 7). "Back" is read off the run's
// own verdicts: a case screened `unchanged` against the same baseline the
// regression was judged against is within that baseline's noise — a case
// still slower would have screened suspect and been confirmed `regressed`.
// The alert becomes `fixed`, with the run and commit that showed it.
import type { Alert, Comparison, Run } from '../model.js';
import type { Store } from '../store/store.js';

/** Who closes an alert as fixed, in its `stateBy` and the audit log. */
export const FIXED_BY = 'perflab';

/**
 * Closes the open or investigating regression alerts whose every case this
 * run judged `unchanged` against the baseline the alert was raised against
 * (not one accepted since). A run on a suspect machine closes nothing.
 * Returns the alerts it closed, as stored.
 */
export async function closeFixedAlerts(store: Store, run: Pick<Run, 'id' | 'commit' | 'machine' | 'environment'>, comparisons: readonly Pick<Comparison, 'caseId' | 'verdict'>[]): Promise<Alert[]> {
  if (run.environment !== 'ok') return [];
  const unchanged = new Set(comparisons.filter((c) => c.verdict === 'unchanged').map((c) => c.caseId));
  if (unchanged.size === 0) return [];
  const closed: Alert[] = [];
  for (const alert of await liveRegressions(store)) {
    if (alert.runId === run.id || !alert.caseIds.every((id) => unchanged.has(id))) continue;
    // Baselines are per machine: a regression seen elsewhere is not fixed by a run here.
    if ((await store.getRun(alert.runId))?.machine !== run.machine) continue;
    if (!(await sameBaselines(store, alert, run.machine))) continue;
    const moved = await store.transitionAlert(alert.id, ['open', 'investigating'], 'fixed', FIXED_BY, { fixedIn: { runId: run.id, commit: run.commit } });
    if (moved.ok) closed.push(moved.alert);
  }
  return closed;
}

async function liveRegressions(store: Store): Promise<Alert[]> {
  const live = [...(await store.listAlerts({ state: 'open' })), ...(await store.listAlerts({ state: 'investigating' }))];
  return live.filter((a) => a.kind === 'regression' && a.caseIds.length > 0);
}

/** True when no case of the alert has had a baseline accepted since the alert was raised. */
async function sameBaselines(store: Store, alert: Alert, machine: string): Promise<boolean> {
  for (const caseId of alert.caseIds) {
    const baseline = await store.getBaseline(caseId, machine);
    if (!baseline || baseline.acceptedAt > alert.createdAt) return false;
  }
  return true;
}
