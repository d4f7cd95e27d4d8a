// A stress scenario's history: p99 latency over throughput, one panel each,
// sharing the time axis, so a slower p99 that came with more load (or less)
// reads at a glance. Two panels rather than a dual axis: two scales on one
// plot invite comparing their heights, which means nothing.
import type { TopLevelSpec } from 'vega-lite';
import type { StressChartData, StressChartPoint } from './chart-data.js';
import { RUNS, TIME_X, whenOf, type Layer } from './case-chart-layers.js';
import { resolveChartOptions, type ChartOptions } from './chart-options.js';
import { COLOURS, chartConfig, shortCommit } from './chart-theme.js';
import { displayUnit } from './display-unit.js';
import { downsample } from './downsample.js';
import { timeAxis, type TimeAxis } from './time-axis.js';
import { tooFewRunsSpec } from './too-few-runs-spec.js';

export type StressChartOptions = ChartOptions;

/** Room for the value axis (labels and title) beside each panel, px: `fit` sizing does not work for stacked panels. */
const AXIS_ROOM = 110;
/** Room for the title, subtitle and the time axis, px. */
const TITLE_ROOM = 120;

export function stressChartSpec(data: StressChartData, options: StressChartOptions = {}): TopLevelSpec {
  const resolved = resolveChartOptions(options);
  const latency = displayUnit('ns', data.points.flatMap((p) => (p.p99 === null ? [] : [p.p99])));
  if (data.points.length < 2) {
    const only = data.points[0];
    const subtitle = only && `p99 ${only.p99 === null ? '—' : latency.format(only.p99)} · ${throughputText(only.throughput)} · commit ${shortCommit(only.commit)}`;
    return tooFewRunsSpec({ title: data.scenarioId, runs: data.points.length, subtitle, layers: [], options: resolved });
  }

  // Downsampled by p99: the tail is what a stress chart is read for.
  const shown = downsample(
    data.points.map((p) => ({ ...p, median: p.p99 ?? Number.NaN })),
    resolved.maxPoints,
  );
  const rows = shown.map((p) => rowOf(p, latency.factor, latency.format));
  const panel = { width: resolved.width - AXIS_ROOM, height: Math.max(80, (resolved.height - TITLE_ROOM) / 2) };
  const pointSize = rows.length > 300 ? 0 : 25;
  const time = timeAxis(rows[0]!.at, rows[rows.length - 1]!.at, panel.width);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.scenarioId, subtitle: `${data.points.length.toLocaleString('en-US')} runs · p99 latency (lower is better) and throughput (higher is better)` },
    config: chartConfig(),
    datasets: { [RUNS]: rows },
    resolve: { scale: { x: 'shared' } },
    spacing: 16,
    vconcat: [
      metricPanel({ ...panel, field: 'p99', title: `p99 latency (${latency.unit})`, limit: data.limits?.p99 === undefined ? undefined : data.limits.p99 * latency.factor, pointSize, axis: { ...time, labels: false, ticks: false } }),
      metricPanel({ ...panel, field: 'throughput', title: 'throughput (req/s)', limit: data.limits?.throughput, pointSize, axis: time }),
    ],
  };
}

interface StressRow {
  runId: string;
  at: string;
  when: string;
  commit: string;
  verdict: string;
  /** Display unit of the chart's latency axis; null when the run could not tell. */
  p99: number | null;
  /** req/s */
  throughput: number | null;
  p99Text: string;
  throughputText: string;
}

function rowOf(p: StressChartPoint, factor: number, format: (ns: number) => string): StressRow {
  return {
    runId: p.runId,
    at: p.at,
    when: whenOf(p.at),
    commit: shortCommit(p.commit),
    verdict: p.verdict ?? '—',
    p99: p.p99 === null ? null : p.p99 * factor,
    throughput: p.throughput,
    p99Text: p.p99 === null ? '—' : format(p.p99),
    throughputText: throughputText(p.throughput),
  };
}

function throughputText(value: number | null): string {
  return value === null ? '— req/s' : `${Math.round(value).toLocaleString('en-US')} req/s`;
}

interface PanelInput {
  width: number;
  height: number;
  field: 'p99' | 'throughput';
  title: string;
  limit: number | undefined;
  pointSize: number;
  /** The time axis; the upper panel's draws the grid only. */
  axis: TimeAxis & { labels?: boolean; ticks?: boolean };
}

type Panel = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** One metric over time from the shared runs dataset, skipping runs that could not tell, with its limit as a dashed rule. */
function metricPanel({ width, height, field, title, limit, pointSize, axis }: PanelInput): Panel {
  const x = { ...TIME_X, axis };
  const y = { field, type: 'quantitative', title, scale: { zero: false } } as const;
  const tooltip = [{ field: 'commit' }, { field: 'p99Text', title: 'p99' }, { field: 'throughputText', title: 'throughput' }, { field: 'verdict' }, { field: 'runId', title: 'run' }, { field: 'when', title: 'at' }];
  const line: Layer = {
    data: { name: RUNS },
    transform: [{ filter: `isValid(datum.${field})` }],
    mark: { type: 'line', color: COLOURS.trend, strokeWidth: 1.2, point: pointSize > 0 ? { size: pointSize, filled: true } : false },
    encoding: { x, y, tooltip },
  };
  if (limit === undefined) return { name: field, width, height, layer: [line] };
  const rule: Layer = { data: { values: [{ limit }] }, mark: { type: 'rule', color: COLOURS.regression, strokeDash: [6, 3] }, encoding: { y: { ...y, field: 'limit' } } };
  return { name: field, width, height, layer: [line, rule] };
}
