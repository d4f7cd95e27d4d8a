// An alert's thread gets the chart of each case it is about (DESIGN §9a): the
// picture says at a glance whether the change is a step, a drift or one odd
// run. A benchmark case shows its median per run; a stress scenario (its
// failure, or a regression of one of its metrics) its p99 and throughput
// per run; a fuzz property its findings per run. Runs after the outbox has
// posted the alert, so an alert is never held back by a chart, and a chart
// that cannot be drawn or attached is logged, never fatal.
import type { Notifier, PostedMessage } from '../engine/alert/notifier.js';
import type { Alert, AlertKind, Mode } from '../engine/model.js';
import type { Lab } from './lab.js';
import { stressScenarioOf } from './stress-chart.js';

const CHARTED: ReadonlySet<AlertKind> = new Set(['regression', 'improvement', 'finding']);

/** Charts per alert at most: a run that moved forty cases needs its table, not forty pictures. */
export const MAX_ALERT_CHARTS = 3;

/**
 * Runs drawn: enough to show the level before the change and the runs since.
 * Alerts are posted right after their run, so the newest runs are the ones
 * around the change.
 */
export const ALERT_CHART_RUNS = 200;

const WHAT: Record<Mode, string> = { bench: 'median per run', stress: 'p99 and throughput per run', fuzz: 'findings per run' };

export async function attachAlertCharts(
  lab: Pick<Lab, 'caseChart' | 'getRun'>,
  notifier: Notifier,
  alert: Alert,
  message: PostedMessage,
  onError: (context: string, error: unknown) => void,
): Promise<void> {
  if (!notifier.attachChart || !CHARTED.has(alert.kind)) return;
  const mode = (await lab.getRun(alert.runId))?.mode ?? 'bench';
  // A stress scenario's p99 and throughput are charted together, once.
  const caseIds = mode === 'stress' ? [...new Set(alert.caseIds.map(stressScenarioOf))] : alert.caseIds;
  for (const caseId of caseIds.slice(0, MAX_ALERT_CHARTS)) {
    try {
      const png = await lab.caseChart(caseId, { format: 'png', limit: ALERT_CHART_RUNS });
      await notifier.attachChart(alert, message, png, `${caseId}: ${WHAT[mode]}`);
    } catch (error) {
      onError(`attaching the chart of ${caseId} to alert ${alert.id}`, error);
    }
  }
}
