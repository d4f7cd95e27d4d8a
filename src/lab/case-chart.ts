// A case's trend chart from what the lab has stored (DESIGN §9a). The chart
// stage draws from input types of its own; this maps the store's records
// into them: usable runs → points (median, with a noise band of ± cv),
// accepted baselines → steps (with who accepted), the case's alerts → marks,
// and the change points among the drawn runs → rules.
import { caseChartSpec, renderChart, type CaseChartData, type CaseChartOptions, type ChartFormat, type ChartPoint } from '../engine/chart/index.js';
import type { Alert, Baseline, Direction } from '../engine/model.js';
import { isUsable } from '../engine/report/find-run.js';
import type { HistoryEntry } from '../engine/store/store.js';
import { caseDirections } from './case-direction.js';
import { historyChangePoints, type HistoryChangePoint } from './history-change-points.js';
import type { Lab } from './lab.js';

export interface CaseChartRecords {
  caseId: string;
  /** Oldest first, as `Lab.history` returns them. */
  entries: readonly HistoryEntry[];
  /** Every baseline accepted for the case on this machine. */
  baselines: readonly Baseline[];
  /** Alerts of any case; those about this case and one of its drawn runs become marks. */
  alerts: readonly Alert[];
  direction: Direction;
  /** Change points among `entries` when the caller already has them (`historyChangePoints`); default: found here. */
  changePoints?: readonly HistoryChangePoint[];
}

/** The chart's data for one case. Pure. */
export function caseChartData(records: CaseChartRecords): CaseChartData {
  const usable = records.entries.filter(isUsable);
  const points = usable.map((e): ChartPoint => {
    const point: ChartPoint = { runId: e.runId, commit: e.commit, at: e.at, median: e.median };
    // cv is the run's own sample-to-sample noise: the band says how far one run's samples spread.
    if (e.cv !== undefined && Number.isFinite(e.cv)) {
      point.low = Math.max(0, e.median * (1 - e.cv));
      point.high = e.median * (1 + e.cv);
    }
    if (e.verdict) point.verdict = e.verdict;
    return point;
  });
  const drawn = new Set(points.map((p) => p.runId));
  return {
    caseId: records.caseId,
    unit: usable.at(-1)?.unit ?? '',
    direction: records.direction,
    points,
    baselines: records.baselines.map((b) => ({ at: b.acceptedAt, median: b.median, acceptedBy: b.acceptedBy, commit: b.commit })),
    // An alert on a run outside the drawn ones would be pinned to the nearest drawn run: a mark where nothing happened.
    alerts: records.alerts.filter((a) => a.caseIds.includes(records.caseId) && drawn.has(a.runId)).map((a) => ({ at: a.createdAt, runId: a.runId, kind: a.kind, state: a.state })),
    changePoints: (records.changePoints ?? historyChangePoints(usable)).map((c) => ({ at: c.at, commit: c.commit, ratio: c.ratio })),
  };
}

export interface CaseChartRequest extends CaseChartOptions {
  format: ChartFormat;
  /** Only the newest `limit` runs. Default: the whole history (a long one is downsampled when drawn). */
  limit?: number;
}

/** What drawing a case's chart reads. */
export type CaseChartReads = Pick<Lab, 'history' | 'baselineHistory' | 'alerts' | 'runResults'>;

/** SVG text or PNG bytes of the case's chart on this machine; a case with fewer than two runs gets a chart that says so. */
export async function drawCaseChart(lab: CaseChartReads, caseId: string, request: CaseChartRequest): Promise<string | Buffer> {
  const { format, limit, ...options } = request;
  const entries = await lab.history(caseId, limit !== undefined ? { limit } : {});
  const [baselines, alerts, direction] = await Promise.all([lab.baselineHistory(caseId), lab.alerts(), caseDirections((runId) => lab.runResults(runId))(caseId, entries)]);
  const spec = caseChartSpec(caseChartData({ caseId, entries, baselines, alerts, direction }), options);
  return renderChart(spec, format);
}
