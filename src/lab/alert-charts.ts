// A regression or improvement alert's thread gets the chart of each case's
// history (DESIGN §9a): the picture says at a glance whether the change is a
// step, a drift or one odd run. Runs after the outbox has posted the alert,
// so an alert is never held back by a chart, and a chart that cannot be
// drawn or attached is logged, never fatal.
import type { Notifier, PostedMessage } from '../engine/alert/notifier.js';
import type { Alert, AlertKind } from '../engine/model.js';
import type { Lab } from './lab.js';

const CHARTED: ReadonlySet<AlertKind> = new Set(['regression', 'improvement']);

/** Charts per alert at most: a run that moved forty cases needs its table, not forty pictures. */
export const MAX_ALERT_CHARTS = 3;

/**
 * Runs drawn: enough to show the level before the change and the runs since.
 * Alerts are posted right after their run, so the newest runs are the ones
 * around the change.
 */
export const ALERT_CHART_RUNS = 200;

export async function attachAlertCharts(
  lab: Pick<Lab, 'caseChart'>,
  notifier: Notifier,
  alert: Alert,
  message: PostedMessage,
  onError: (context: string, error: unknown) => void,
): Promise<void> {
  if (!notifier.attachChart || !CHARTED.has(alert.kind)) return;
  for (const caseId of alert.caseIds.slice(0, MAX_ALERT_CHARTS)) {
    try {
      const png = await lab.caseChart(caseId, { format: 'png', limit: ALERT_CHART_RUNS });
      await notifier.attachChart(alert, message, png, `${caseId}: median per run`);
    } catch (error) {
      onError(`attaching the chart of ${caseId} to alert ${alert.id}`, error);
    }
  }
}
