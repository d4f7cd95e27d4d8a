// The weekly digest from what the lab has stored (DESIGN §9a): the diff
// report against a week, a month and a year ago (`labDiffReport`), cut to
// the biggest movers, and the chart of those movers. Read-only, like the
// report: `perflab digest` prints it; the `digest` job kind posts it.
import { moversChartSpec, renderChart, type ChartFormat, type ChartPoint, type MoverSeries } from '../engine/chart/index.js';
import { isUsable } from '../engine/report/find-run.js';
import { DIGEST_POINTS, digestOf, type Digest } from '../engine/report/digest.js';
import { labDiffReport, type LabDiffReportReads } from './lab-diff-report.js';

export interface LabDigestOptions {
  /** Which known cases (`caseFilter`); default all. */
  pattern?: string;
  /** The instant the digest is for; default now. */
  now?: Date;
  /** Movers listed at most; default `DIGEST_MOVERS`. */
  limit?: number;
}

/** Movers drawn at most: more lines than this are a tangle. */
export const CHARTED_MOVERS = 5;

export async function labDigest(lab: LabDiffReportReads, options: LabDigestOptions = {}): Promise<Digest> {
  const report = await labDiffReport(lab, { vs: DIGEST_POINTS, ...(options.pattern ? { pattern: options.pattern } : {}), ...(options.now ? { now: options.now } : {}) });
  return digestOf(report, { ...(options.limit !== undefined ? { limit: options.limit } : {}), ...(options.pattern ? { pattern: options.pattern } : {}) });
}

/**
 * The movers' chart, or null when nothing moved. It reaches back to the
 * furthest point any drawn mover moved against, and a tenth further, so the
 * level before the change is on the picture too.
 */
export async function drawDigestChart(lab: Pick<LabDiffReportReads, 'history'>, digest: Digest, format: ChartFormat): Promise<string | Buffer | null> {
  const movers = digest.report.cases.slice(0, CHARTED_MOVERS);
  if (movers.length === 0) return null;
  const atOf = new Map(digest.report.points.map((p) => [p.label, p.at]));
  const nowMs = Date.parse(digest.at);
  let furthest = nowMs;
  for (const c of movers) {
    for (const cell of c.cells) {
      const at = atOf.get(cell.point);
      if ((cell.mark === 'regressed' || cell.mark === 'improved') && at) furthest = Math.min(furthest, Date.parse(at));
    }
  }
  const since = new Date(furthest - (nowMs - furthest) / 10).toISOString();
  const series: MoverSeries[] = [];
  for (const c of movers) {
    const entries = (await lab.history(c.caseId, { since })).filter(isUsable).filter((e) => Date.parse(e.at) <= nowMs);
    series.push({ caseId: c.caseId, direction: c.direction, points: entries.map((e): ChartPoint => ({ runId: e.runId, commit: e.commit, at: e.at, median: e.median })) });
  }
  const days = Math.round((nowMs - furthest) / 86_400_000);
  const title = `Biggest movers, week to ${digest.at.slice(0, 10)}`;
  const subtitle = `${movers.length === 1 ? 'the case' : `the ${movers.length} cases`} that moved most, over ${days} day${days === 1 ? '' : 's'}: per-run median against its first runs`;
  return renderChart(moversChartSpec({ title, subtitle, series }), format);
}
