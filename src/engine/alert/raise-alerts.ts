// The one place where a run's verdicts become alerts, for every mode and for
// results pushed by CI: one alert per kind that has cases — confirmed
// regressions, confirmed improvements (a pat on the back), a suspect
// environment (the canary moved), a machine that changed for good (the
// canary's new level accepted), broken suites and errored cases — stored
// before anyone posts them (the outbox posts what is stored). Then, for a
// benchmark run, what only the history shows: a drift of a case's level
// that no run was flagged for (`raiseDriftAlerts`), and regressions measured
// back at their old level, which close as fixed (`closeFixedAlerts`).
import type { Alert, AlertKind, Comparison, Run } from '../model.js';
import type { Store } from '../store/store.js';
import { closeFixedAlerts } from './close-fixed-alerts.js';
import { raiseDriftAlerts } from './raise-drift-alerts.js';

export interface RunVerdicts {
  comparisons: readonly Pick<Comparison, 'caseId' | 'verdict'>[];
  /** Suite files that did not load. */
  suiteErrorFiles?: readonly string[];
  /** The canary's case id, when the run measured one: a suspect environment is alerted on it. */
  canaryId?: string;
  /** The canary stayed moved so long that its new level became its baseline: the channel is told once (`machine-changed`). */
  canaryRecovered?: boolean;
  /**
   * What the verdicts compared with: the cases' baselines (default), or a
   * base commit measured beside them (`perflab ci`). Only a verdict against
   * the baseline can say a regression is fixed.
   */
  against?: 'baseline' | 'base-commit';
}

/** New alerts (stored, to post) and alerts this run closed as fixed (stored, to update where they were posted). */
export async function raiseAlerts(store: Store, run: Pick<Run, 'id' | 'commit' | 'environment' | 'machine' | 'mode'>, verdicts: RunVerdicts): Promise<Alert[]> {
  const withVerdict = (verdict: Comparison['verdict']) => verdicts.comparisons.filter((c) => c.verdict === verdict).map((c) => c.caseId);
  const groups: [Extract<AlertKind, 'regression' | 'improvement' | 'environment-suspect' | 'machine-changed' | 'suite-error'>, string[]][] = [
    ['regression', withVerdict('regressed')],
    ['improvement', withVerdict('improved')],
    ['environment-suspect', run.environment === 'suspect' && verdicts.canaryId ? [verdicts.canaryId] : []],
    ['machine-changed', verdicts.canaryRecovered && verdicts.canaryId ? [verdicts.canaryId] : []],
    ['suite-error', [...new Set(verdicts.suiteErrorFiles ?? []), ...withVerdict('errored')]],
  ];
  const alerts: Alert[] = [];
  for (const [kind, caseIds] of groups) {
    if (caseIds.length === 0) continue;
    const now = new Date().toISOString();
    // The machine's new level is already accepted: that alert only tells, it asks nothing.
    const state = kind === 'machine-changed' ? { state: 'accepted' as const, stateBy: 'perflab', stateAt: now } : { state: 'open' as const };
    const alert: Alert = { id: `${run.id}-${kind}`, runId: run.id, commit: run.commit, kind, caseIds, ...state, createdAt: now };
    await store.addAlert(alert);
    alerts.push(alert);
  }
  if (run.mode !== 'bench' || run.environment !== 'ok') return alerts;
  const measured = verdicts.comparisons.filter((c) => c.verdict !== 'errored').map((c) => c.caseId);
  alerts.push(...(await raiseDriftAlerts(store, run, measured, verdicts.canaryId ? { canaryId: verdicts.canaryId } : {})));
  if ((verdicts.against ?? 'baseline') === 'baseline') alerts.push(...(await closeFixedAlerts(store, run, verdicts.comparisons)));
  return alerts;
}
