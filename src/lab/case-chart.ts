// A case's trend chart from what the lab has stored (DESIGN §9a). The chart
// stage draws from input types of its own; this maps the store's records
// into them: usable runs → points (median, with a noise band of ± cv),
// accepted baselines → steps (with who accepted), the case's alerts → marks,
// and the change points among the drawn runs → rules.
import { caseChartSpec, fuzzChartSpec, renderChart, stressChartSpec, type CaseChartData, type CaseChartOptions, type ChartFormat, type ChartPoint } from '../engine/chart/index.js';
import type { Alert, Baseline, Direction } from '../engine/model.js';
import { isUsable } from '../engine/report/find-run.js';
import type { HistoryEntry } from '../engine/store/store.js';
import { caseDirections } from './case-direction.js';
import { fuzzChartData } from './fuzz-chart.js';
import { historyChangePoints, type HistoryChangePoint } from './history-change-points.js';
import { stressChartData } from './stress-chart.js';
import type { Lab } from './lab.js';

/** A run's noise band is drawn only below this cv (see `caseChartData`). */
const MAX_BAND_CV = 1;

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
    // At cv ≥ 1 (a few samples far out: a busy machine preempting a microsecond case) the band
    // would reach below zero and several times above the median, flattening the trend into a
    // line at the bottom while saying nothing about where the samples are: no band then.
    if (e.cv !== undefined && Number.isFinite(e.cv) && e.cv < MAX_BAND_CV) {
      point.low = e.median * (1 - e.cv);
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
export type CaseChartReads = Pick<Lab, 'history' | 'baselineHistory' | 'alerts' | 'runResults' | 'runs' | 'findings'>;

/**
 * SVG text or PNG bytes of the case's chart on this machine, drawn for what
 * the case is: a stress scenario's p99 and throughput per run, a fuzz
 * property's findings per run, else the median per run with its baselines,
 * alerts and change points. A case with fewer than two runs gets a chart
 * that says so.
 */
export async function drawCaseChart(lab: CaseChartReads, caseId: string, request: CaseChartRequest): Promise<string | Buffer> {
  const { format, limit, ...options } = request;
  const stress = await stressChartData(lab, caseId, limit);
  if (stress) return renderChart(stressChartSpec(stress, options), format);
  const entries = await lab.history(caseId, limit !== undefined ? { limit } : {});
  if (entries.length === 0) {
    const fuzz = await fuzzChartData(lab, caseId, limit);
    if (fuzz) return renderChart(fuzzChartSpec(fuzz, options), format);
  }
  const [baselines, alerts, direction] = await Promise.all([lab.baselineHistory(caseId), lab.alerts(), caseDirections((runId) => lab.runResults(runId))(caseId, entries)]);
  const spec = caseChartSpec(caseChartData({ caseId, entries, baselines, alerts, direction }), options);
  return renderChart(spec, format);
}
