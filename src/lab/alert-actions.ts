// What a person can do with an alert — accept its numbers as the new
// baseline, mark its findings known, dismiss it, investigate it — and the
// CLI's "accept the latest result" that answers the same alerts. Every change
// is atomic (only an open or investigating alert moves, so a second click
// changes nothing), audited, and shown on the alert's message.
import { ErrorCode, PerflabError } from '../engine/errors.js';
import type { Outbox } from '../engine/alert/outbox.js';
import type { Alert, Baseline, Trigger } from '../engine/model.js';
import type { Store, Transition } from '../engine/store/store.js';

/** What an action on an alert did: the alert as it is now, or why nothing changed. */
export type AlertActionOutcome = Transition | { ok: false; reason: 'not-applicable'; alert: Alert; message: string };

export interface AlertActionContext {
  store: Store;
  outbox: Outbox | null;
  audit(trigger: Trigger, action: string, args: Record<string, unknown>): Promise<void>;
  onError(context: string, error: unknown): void;
}

/** Accept as new baseline: the alert's run results become the baselines of its cases. */
export async function acceptAlert(lab: AlertActionContext, alertId: string, actor: string, reason = 'accepted from an alert'): Promise<AlertActionOutcome> {
  const alert = await lab.store.getAlert(alertId);
  if (alert?.kind === 'suite-error') return { ok: false, reason: 'not-applicable', alert, message: 'a suite error has no numbers to accept; fix the suite or dismiss the alert' };
  const moved = await lab.store.transitionAlert(alertId, ['open', 'investigating'], 'accepted', actor);
  if (!moved.ok) return moved;
  const results = await lab.store.runResults(moved.alert.runId);
  for (const caseId of moved.alert.caseIds) {
    const recorded = results.find((r) => r.result.caseId === caseId);
    if (!recorded || recorded.result.state !== 'ok') continue;
    await lab.store.acceptBaseline({
      caseId,
      machine: recorded.machine,
      runId: recorded.runId,
      commit: recorded.commit,
      median: recorded.result.summary.median,
      unit: recorded.result.summary.unit,
      acceptedBy: actor,
      acceptedAt: new Date().toISOString(),
      reason,
    });
  }
  await settled(lab, moved.alert, 'alert.accept', actor, {});
  return moved;
}

/** A finding alert's "Mark as known": the alert closes and its findings become `known` (they alert again only if they come back after a fix). */
export async function markAlertKnown(lab: AlertActionContext, alertId: string, actor: string): Promise<AlertActionOutcome> {
  const alert = await lab.store.getAlert(alertId);
  if (alert && alert.kind !== 'finding') return { ok: false, reason: 'not-applicable', alert, message: 'only findings can be marked as known' };
  const moved = await lab.store.transitionAlert(alertId, ['open', 'investigating'], 'accepted', actor);
  if (!moved.ok) return moved;
  for (const id of moved.alert.findingIds ?? []) await lab.store.transitionFinding(id, ['new', 'regressed'], 'known', actor);
  await settled(lab, moved.alert, 'alert.known', actor, { findingIds: moved.alert.findingIds ?? [] });
  return moved;
}

export async function dismissAlert(lab: AlertActionContext, alertId: string, actor: string): Promise<AlertActionOutcome> {
  const moved = await lab.store.transitionAlert(alertId, ['open', 'investigating'], 'dismissed', actor);
  if (moved.ok) await settled(lab, moved.alert, 'alert.dismiss', actor, {});
  return moved;
}

export async function investigateAlert(lab: AlertActionContext, alertId: string, actor: string, note: string, assignee?: string): Promise<AlertActionOutcome> {
  const investigation = { note, ...(assignee ? { assignee } : {}) };
  const moved = await lab.store.transitionAlert(alertId, ['open', 'investigating'], 'investigating', actor, { investigation });
  if (moved.ok) await settled(lab, moved.alert, 'alert.investigate', actor, investigation);
  return moved;
}

/**
 * `perflab baseline accept`: each case's latest result on `machine` becomes
 * its baseline, and the regression, improvement or drift alerts of that run
 * for the case are settled as accepted, as if the alert's button had been clicked.
 */
export async function acceptLatest(lab: AlertActionContext, caseId: string, machine: string, actor: string, reason: string): Promise<Baseline> {
  const latest = (await lab.store.history(caseId, { machine, limit: 50 })).filter((e) => e.state === 'ok' && e.median !== undefined).at(-1);
  if (!latest || latest.median === undefined) {
    const known = (await lab.store.listBaselines(machine)).map((b) => b.caseId);
    throw new PerflabError(ErrorCode.CaseNotFound, `no results for "${caseId}" on ${machine}${known.length ? `; known cases: ${known.join(', ')}` : ''}`);
  }
  const baseline: Baseline = {
    caseId,
    machine,
    runId: latest.runId,
    commit: latest.commit,
    median: latest.median,
    unit: latest.unit ?? 'ns',
    acceptedBy: actor,
    acceptedAt: new Date().toISOString(),
    reason,
  };
  await lab.store.acceptBaseline(baseline);
  for (const alert of await lab.store.listAlerts()) {
    if (alert.runId === latest.runId && alert.caseIds.includes(caseId) && (alert.kind === 'regression' || alert.kind === 'improvement' || alert.kind === 'drift')) {
      const moved = await lab.store.transitionAlert(alert.id, ['open', 'investigating'], 'accepted', actor);
      if (moved.ok) await settled(lab, moved.alert, 'alert.accept', actor, { via: 'baseline accept' });
    }
  }
  return baseline;
}

async function settled(lab: AlertActionContext, alert: Alert, action: string, actor: string, args: Record<string, unknown>): Promise<void> {
  await lab.audit({ kind: 'button', by: actor }, action, { alertId: alert.id, ...args });
  await lab.outbox?.update(alert).catch((error: unknown) => lab.onError(`updating alert ${alert.id}`, error));
}
