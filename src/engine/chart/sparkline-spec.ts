// A case's trend at a glance, for an overview page listing many cases: the
// medians as a thin line, no axes, no title, the latest run as a dot in its
// verdict's colour. Values stay in the data's unit: only the shape matters.
import type { TopLevelSpec } from 'vega-lite';
import type { ChartPoint } from './chart-data.js';
import { RUNS, TIME_X } from './case-chart-layers.js';
import { COLOURS, chartConfig } from './chart-theme.js';
import { downsample } from './downsample.js';

export interface SparklineOptions {
  /** px; default 160 */
  width?: number;
  /** px; default 32 */
  height?: number;
  /** Most runs drawn (min–max downsampled); default 200, a bit more than the pixels across. */
  maxPoints?: number;
}

export function sparklineSpec(points: readonly ChartPoint[], options: SparklineOptions = {}): TopLevelSpec {
  const { width = 160, height = 32, maxPoints = 200 } = options;
  for (const [name, value, least] of [['width', width, 10], ['height', height, 6], ['maxPoints', maxPoints, 2]] as const) {
    if (!(value >= least)) throw new RangeError(`sparkline ${name} must be at least ${least}, got ${value}`);
  }
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    padding: 2,
    autosize: { type: 'fit', contains: 'padding' },
    config: { ...chartConfig(), padding: 2, view: { stroke: null } },
  } as const;
  if (points.length === 0) return { ...base, data: { values: [{ text: '—' }] }, mark: { type: 'text', color: COLOURS.muted }, encoding: { text: { field: 'text' } } };

  const shown = downsample(points, maxPoints).map((p) => ({ runId: p.runId, at: p.at, median: p.median, verdict: p.verdict ?? 'unchanged' }));
  const last = shown[shown.length - 1]!;
  const y = { field: 'median', type: 'quantitative', axis: null, scale: { zero: false } } as const;
  const x = { ...TIME_X, axis: null };
  return {
    ...base,
    layer: [
      { name: RUNS, data: { name: RUNS, values: shown }, mark: { type: 'line', color: COLOURS.trend, strokeWidth: 1.2 }, encoding: { x, y } },
      { data: { values: [last] }, mark: { type: 'circle', size: 20, color: lastColour(last.verdict) }, encoding: { x, y } },
    ],
  };
}

function lastColour(verdict: string): string {
  if (verdict === 'regressed') return COLOURS.regression;
  if (verdict === 'improved') return COLOURS.improvement;
  return COLOURS.trend;
}
