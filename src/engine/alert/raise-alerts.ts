// The one place where a run's verdicts become alerts, for every mode and for
// results pushed by CI: one alert per kind that has cases — confirmed
// regressions, confirmed improvements (a pat on the back), a suspect
// environment (the canary moved), broken suites and errored cases — stored
// before anyone posts them (the outbox posts what is stored).
import type { Alert, AlertKind, Comparison, Run } from '../model.js';
import type { Store } from '../store/store.js';

export interface RunVerdicts {
  comparisons: readonly Pick<Comparison, 'caseId' | 'verdict'>[];
  /** Suite files that did not load. */
  suiteErrorFiles?: readonly string[];
  /** The canary's case id, when the run measured one: a suspect environment is alerted on it. */
  canaryId?: string;
}

export async function raiseAlerts(store: Store, run: Pick<Run, 'id' | 'commit' | 'environment'>, verdicts: RunVerdicts): Promise<Alert[]> {
  const withVerdict = (verdict: Comparison['verdict']) => verdicts.comparisons.filter((c) => c.verdict === verdict).map((c) => c.caseId);
  const groups: [Extract<AlertKind, 'regression' | 'improvement' | 'environment-suspect' | 'suite-error'>, string[]][] = [
    ['regression', withVerdict('regressed')],
    ['improvement', withVerdict('improved')],
    ['environment-suspect', run.environment === 'suspect' && verdicts.canaryId ? [verdicts.canaryId] : []],
    ['suite-error', [...new Set(verdicts.suiteErrorFiles ?? []), ...withVerdict('errored')]],
  ];
  const alerts: Alert[] = [];
  for (const [kind, caseIds] of groups) {
    if (caseIds.length === 0) continue;
    const alert: Alert = { id: `${run.id}-${kind}`, runId: run.id, commit: run.commit, kind, caseIds, state: 'open', createdAt: new Date().toISOString() };
    await store.addAlert(alert);
    alerts.push(alert);
  }
  return alerts;
}
