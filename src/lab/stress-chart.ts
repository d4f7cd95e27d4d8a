// A stress scenario's chart from what the lab stored (DESIGN §6): each run's
// p99 and throughput are their own history series (`suite/name:p99`,
// `:throughput`, see compare-stress-metrics.ts); joined by run, they are the
// points of `stressChartSpec`.
import type { StressChartData, StressChartPoint } from '../engine/chart/index.js';
import { metricCaseId } from '../modes/stress/compare-stress-metrics.js';
import type { Lab } from './lab.js';

const METRIC = /:(?:p99|throughput|errors)$/;

/** The scenario a stress metric series belongs to (`http/get:p99` → `http/get`), or the id as it is. */
export function stressScenarioOf(caseId: string): string {
  return caseId.replace(METRIC, '');
}

/** The scenario's chart data, or null when `scenarioId` is not a stress scenario with runs on this machine. */
export async function stressChartData(lab: Pick<Lab, 'history'>, scenarioId: string, limit?: number): Promise<StressChartData | null> {
  const options = limit !== undefined ? { limit } : {};
  const p99 = await lab.history(metricCaseId(scenarioId, 'p99'), options);
  if (p99.length === 0) return null;
  const [throughput, scenario] = await Promise.all([lab.history(metricCaseId(scenarioId, 'throughput'), options), lab.history(scenarioId, options)]);
  const rateOf = new Map(throughput.map((e) => [e.runId, e.state === 'ok' ? (e.median ?? null) : null]));
  const verdictOf = new Map(scenario.map((e) => [e.runId, e.verdict]));
  const points = p99.map((e): StressChartPoint => {
    const point: StressChartPoint = { runId: e.runId, commit: e.commit, at: e.at, p99: e.state === 'ok' ? (e.median ?? null) : null, throughput: rateOf.get(e.runId) ?? null };
    const verdict = verdictOf.get(e.runId) ?? e.verdict;
    if (verdict) point.verdict = verdict;
    return point;
  });
  return { scenarioId, points };
}
