// The digest's picture: the biggest movers on one chart, each case's per-run
// medians as a change from where it stood at the start, so cases measured in
// nanoseconds and in megabytes per second share one axis. Above zero is
// slower for a lower-is-better case; higher-is-better cases are flipped so
// that up is always worse, and the legend says which.
import { median } from 'simple-statistics';
import type { TopLevelSpec } from 'vega-lite';
import { TIME_X, whenOf } from './case-chart-layers.js';
import type { ChartPoint } from './chart-data.js';
import { resolveChartOptions, sizeOf, type ChartOptions } from './chart-options.js';
import { COLOURS, chartConfig, shortCommit } from './chart-theme.js';
import { downsample } from './downsample.js';
import { timeAxis } from './time-axis.js';
import { tooFewRunsSpec } from './too-few-runs-spec.js';

export interface MoverSeries {
  caseId: string;
  direction: 'lower' | 'higher';
  /** Oldest first, in the case's own unit. */
  points: readonly ChartPoint[];
}

export interface MoversChartData {
  title: string;
  /** Under the title: what the lines are measured against. */
  subtitle: string;
  series: readonly MoverSeries[];
}

/** Runs that set a line's zero: the median of the first few, so one odd run does not. */
const REFERENCE_RUNS = 5;
/** Runs per line at most: five lines of 300 fill 900 px. */
const MAX_POINTS_PER_LINE = 300;

export function moversChartSpec(data: MoversChartData, options: ChartOptions = {}): TopLevelSpec {
  const resolved = resolveChartOptions(options);
  const rows = data.series.flatMap(seriesRows);
  const runs = Math.max(0, ...data.series.map((s) => s.points.length));
  if (runs < 2) return tooFewRunsSpec({ title: data.title, subtitle: data.subtitle, runs, layers: [], options: resolved });
  const names = data.series.map(label);
  const times = rows.map((r) => Date.parse(r.at));
  const palette = ['#1f77b4', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#ff7f0e', '#2ca02c', '#d62728'];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.title, subtitle: data.subtitle },
    ...sizeOf(resolved),
    config: chartConfig(),
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLOURS.baseline, strokeDash: [6, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
      {
        name: 'movers',
        data: { name: 'movers', values: rows },
        mark: { type: 'line', strokeWidth: 1.8, point: rows.length <= 120 },
        encoding: {
          x: { ...TIME_X, axis: timeAxis(Math.min(...times), Math.max(...times), resolved.width) },
          y: { field: 'change', type: 'quantitative', title: 'change from the start (%, up is worse)', axis: { format: '+.0~f', labelExpr: "datum.label + '%'" } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: palette.slice(0, Math.max(1, names.length)) }, legend: { columns: 1, labelLimit: resolved.width - 40 } },
          tooltip: [{ field: 'series', title: 'case' }, { field: 'label', title: 'change' }, { field: 'commit' }, { field: 'when', title: 'at' }],
        },
      },
    ],
  };
}

function label(series: MoverSeries): string {
  return series.direction === 'higher' ? `${series.caseId} (higher is better, flipped)` : series.caseId;
}

function seriesRows(series: MoverSeries) {
  const usable = series.points.filter((p) => Number.isFinite(p.median) && p.median > 0);
  if (usable.length === 0) return [];
  const reference = median(usable.slice(0, REFERENCE_RUNS).map((p) => p.median));
  const name = label(series);
  return downsample(usable, MAX_POINTS_PER_LINE).map((p) => {
    // For higher-is-better, a drop is the bad way: flip, so up is worse on every line.
    const ratio = series.direction === 'higher' ? reference / p.median : p.median / reference;
    const change = (ratio - 1) * 100;
    return { series: name, at: p.at, change, label: `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`, commit: shortCommit(p.commit), when: whenOf(p.at) };
  });
}
