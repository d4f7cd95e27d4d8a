// A case's history as one picture: per-run medians with their noise band,
// accepted baselines as steps, alerts as marks and change points as rules
// (DESIGN §9a). Pure: data in, vega-lite spec out; renderSvg/renderPng draw it.
import type { TopLevelSpec } from 'vega-lite';
import type { CaseChartData } from './chart-data.js';
import { resolveChartOptions, sizeOf, type ChartOptions } from './chart-options.js';
import { chartConfig } from './chart-theme.js';
import { displayUnit } from './display-unit.js';
import { downsample, keepOf } from './downsample.js';
import { alertLayer, bandLayer, baselineLayers, changePointLayers, runLayers, runRows } from './case-chart-layers.js';
import { onTimeAxis, timeAxis } from './time-axis.js';
import { tooFewRunsSpec } from './too-few-runs-spec.js';

/**
 * Above this many drawn runs the trend is a line only: denser points are a
 * smear at 900 px, and they were most of a year chart's render time.
 */
const POINTS_UP_TO = 300;

export interface CaseChartOptions extends ChartOptions {
  /** Draw a point per run. Default: when at most 300 runs are drawn. A page that wants a hover target per run sets it true. */
  pointPerRun?: boolean;
}

/** The trend chart of one case, ~900 px wide by default; a case with fewer than two runs gets a chart that says so. */
export function caseChartSpec(data: CaseChartData, options: CaseChartOptions = {}): TopLevelSpec {
  const resolved = { ...resolveChartOptions(options), pointPerRun: options.pointPerRun };
  const unit = displayUnit(data.unit, data.points.map((p) => p.median));
  // The unit first: a long case id is cut short at the axis's length, and the unit must survive.
  const yTitle = `median per run (${unit.unit}) — ${data.caseId}`;
  if (data.points.length < 2) {
    const rows = runRows(data.points, unit);
    const only = rows[0];
    const layers = only ? runLayers(rows, yTitle, true) : [];
    const subtitle = only && `${only.value} · commit ${only.commit} · ${only.when}`;
    return tooFewRunsSpec({ title: data.caseId, runs: rows.length, subtitle, layers, options: resolved });
  }

  const shown = downsample(data.points, resolved.maxPoints, keepOf(data));
  const rows = runRows(shown, unit);
  const span = [rows[0]!.at, rows[rows.length - 1]!.at] as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.caseId, subtitle: subtitle(data, shown.length, span) },
    ...sizeOf(resolved),
    config: chartConfig(),
    layer: onTimeAxis(timeAxis(span[0], span[1], resolved.width), [
      ...bandLayer(rows, yTitle),
      ...runLayers(rows, yTitle, resolved.pointPerRun ?? rows.length <= POINTS_UP_TO),
      // Baselines over the runs: the step must stay visible through a dense trend.
      ...baselineLayers(data.baselines, span, unit, yTitle),
      ...changePointLayers(data.changePoints, data.direction, span),
      ...alertLayer(data.alerts, rows, yTitle),
    ]),
  };
}

/** "1,204 runs · lower is better · 2024-01-03 – 2024-12-30 UTC · 1,500 drawn" */
function subtitle(data: CaseChartData, drawn: number, [from, to]: readonly [string, string]): string {
  const parts = [
    `${data.points.length.toLocaleString('en-US')} runs`,
    data.direction === 'lower' ? 'lower is better' : 'higher is better',
    `${dayOf(from)} – ${dayOf(to)} UTC`,
  ];
  if (drawn < data.points.length) parts.push(`${drawn.toLocaleString('en-US')} drawn`);
  return parts.join(' · ');
}

function dayOf(at: string): string {
  return new Date(at).toISOString().slice(0, 10);
}
