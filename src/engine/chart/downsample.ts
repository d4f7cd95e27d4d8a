// Fewer points for the eye, none of the ones that matter lost.
//
// Min–max buckets rather than LTTB: a reader of a perf trend looks for the
// spike, and min–max keeps both extremes of every bucket, so a single slow run
// among 20 still shows, where LTTB keeps one point per bucket chosen by
// triangle area and may drop the opposite extreme. It is also O(n), has no
// floating-point tie-breaking to reason about, and gives an exact bound on the
// count. Buckets are equal runs of points (not equal time spans) so the whole
// budget is used even when runs are bursty (nightly plus every commit).
//
// Points that carry meaning are kept whatever their value: the first and the
// last run, every run that raised an alert, and the run behind each baseline
// and change point (named by time: the latest run at or before it).
import type { CaseChartData, ChartPoint } from './chart-data.js';

/** About one point per horizontal pixel of a 900 px chart, with room to spare. */
export const DEFAULT_MAX_POINTS = 1500;

/** What `downsample` must never drop. */
export interface DownsampleKeep {
  /** Runs kept by id (the runs that raised alerts). */
  runIds?: Iterable<string>;
  /** Instants, ISO 8601: for each, the latest run at or before it is kept (or the first run, when all are later). */
  times?: Iterable<string>;
}

/**
 * At most `maxPoints` of `points` in time order, keeping each bucket's lowest
 * and highest median and everything in `keep`. The bound gives way only when
 * the kept points alone exceed it: kept points are never dropped.
 */
export function downsample<P extends ChartPoint>(points: readonly P[], maxPoints = DEFAULT_MAX_POINTS, keep: DownsampleKeep = {}): P[] {
  const sorted = inTimeOrder(points);
  if (sorted.length <= maxPoints) return sorted.map(({ point }) => point);

  const kept = keptIndexes(sorted, keep);
  const free: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (!kept.has(i)) free.push(i);
  const buckets = Math.floor(Math.max(0, maxPoints - kept.size) / 2);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * free.length) / buckets);
    const to = Math.floor(((b + 1) * free.length) / buckets);
    const [low, high] = extremes(sorted, free, from, to);
    if (low !== undefined) kept.add(low);
    if (high !== undefined) kept.add(high);
  }
  return [...kept].sort((a, b) => a - b).map((i) => sorted[i]!.point);
}

/** Alerts' runs, baselines and change points of a case: what its chart must show. */
export function keepOf(data: Pick<CaseChartData, 'alerts' | 'baselines' | 'changePoints'>): DownsampleKeep {
  return {
    runIds: data.alerts.map((alert) => alert.runId),
    times: [...data.baselines.map((b) => b.at), ...data.changePoints.map((c) => c.at)],
  };
}

interface Timed<P> {
  point: P;
  ms: number;
}

function inTimeOrder<P extends ChartPoint>(points: readonly P[]): Timed<P>[] {
  // Array#sort is stable: runs recorded in the same millisecond keep their order.
  return points.map((point) => ({ point, ms: Date.parse(point.at) })).sort((a, b) => a.ms - b.ms);
}

function keptIndexes(sorted: readonly Timed<ChartPoint>[], keep: DownsampleKeep): Set<number> {
  const kept = new Set<number>([0, sorted.length - 1]);
  const runIds = new Set(keep.runIds ?? []);
  if (runIds.size > 0) sorted.forEach(({ point }, i) => runIds.has(point.runId) && kept.add(i));
  for (const at of keep.times ?? []) kept.add(Math.max(0, lastAtOrBefore(sorted, Date.parse(at))));
  return kept;
}

/** Index of the last point with ms ≤ `ms`, or -1 (binary search; `sorted` is in time order). */
function lastAtOrBefore(sorted: readonly Timed<ChartPoint>[], ms: number): number {
  let lo = 0;
  let hi = sorted.length; // invariant: answer + 1 lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.ms <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Indexes of the lowest and highest median among `free[from..to)`; NaN medians are never chosen. */
function extremes(sorted: readonly Timed<ChartPoint>[], free: readonly number[], from: number, to: number): [number | undefined, number | undefined] {
  let low: number | undefined;
  let high: number | undefined;
  for (let j = from; j < to; j++) {
    const i = free[j]!;
    const median = sorted[i]!.point.median;
    if (Number.isNaN(median)) continue;
    if (low === undefined || median < sorted[low]!.point.median) low = i;
    if (high === undefined || median > sorted[high]!.point.median) high = i;
  }
  return [low, high];
}
