// The layers of a case's trend chart, one function each, all sharing one x
// (time, UTC) and one y (the display unit). Each takes data already mapped to
// the display unit and returns vega-lite layers with their own inline data.
import type { TopLevelSpec } from 'vega-lite';
import type { ChartAlert, ChartBaseline, ChartChangePoint, ChartPoint } from './chart-data.js';
import { ALERT_CATEGORIES, ALERT_RANGE, COLOURS, alertCategory, shortCommit } from './chart-theme.js';
import { labelLayers } from './chart-labels.js';
import type { DisplayUnit } from './display-unit.js';
import { formatRatio } from '../report/format-duration.js';

/** One layer of a layered vega-lite spec. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Name of the per-run layer and of its dataset: a page finds one datum per run under it. */
export const RUNS = 'runs';

export const TIME_X = { field: 'at', type: 'temporal', title: null, scale: { type: 'utc' } } as const;

/** The y encoding every layer shares, so vega-lite merges them into one axis with one title. */
export function valueY(field: string, title: string) {
  return { field, type: 'quantitative', title, scale: { zero: false } } as const;
}

/** One run as the chart's data carries it: display-unit numbers plus what the tooltip shows. */
export interface RunRow {
  runId: string;
  at: string;
  median: number;
  low?: number;
  high?: number;
  commit: string;
  author: string;
  verdict: string;
  /** The median in its own best unit, for the tooltip: "1.23 ms". */
  value: string;
  /** `at` for the tooltip: "2024-03-05 14:02 UTC". */
  when: string;
}

export function runRows(points: readonly ChartPoint[], unit: DisplayUnit): RunRow[] {
  return points.map((p) => {
    const row: RunRow = { runId: p.runId, at: p.at, median: p.median * unit.factor, commit: shortCommit(p.commit), author: p.author ?? '—', verdict: p.verdict ?? '—', value: unit.format(p.median), when: whenOf(p.at) };
    // A band needs both edges; one missing edge is taken at the median rather than inventing a width.
    if (p.low !== undefined || p.high !== undefined) {
      row.low = (p.low ?? p.median) * unit.factor;
      row.high = (p.high ?? p.median) * unit.factor;
    }
    return row;
  });
}

/**
 * The median line through the runs, and one point per run when `points`.
 * The layer carrying the runs' data (with their ids and tooltips) is always
 * named `runs`: the point layer when there is one, else the line, so a page
 * finds the runs by name and can make its own per-run marks from them.
 */
export function runLayers(rows: readonly RunRow[], yTitle: string, points: boolean): Layer[] {
  const encoding = { x: TIME_X, y: valueY('median', yTitle), tooltip: RUN_TOOLTIP };
  const line = { data: { values: rows }, mark: { type: 'line', color: COLOURS.trend, strokeWidth: points ? 1.5 : 0.7 }, encoding } as const;
  if (!points) return [{ ...line, name: RUNS, data: { name: RUNS, values: rows } }];
  return [line, { name: RUNS, data: { name: RUNS, values: rows }, mark: { type: 'point', filled: true, size: rows.length < 2 ? 80 : 30, color: COLOURS.trend }, encoding }];
}

const RUN_TOOLTIP = [
  { field: 'commit' },
  { field: 'author' },
  { field: 'value', title: 'median' },
  { field: 'verdict' },
  { field: 'runId', title: 'run' },
  { field: 'when', title: 'at' },
];

/** The noise band, drawn only over runs that have one. */
export function bandLayer(rows: readonly RunRow[], yTitle: string): Layer[] {
  const banded = rows.filter((r) => r.low !== undefined);
  if (banded.length === 0) return [];
  return [{ data: { values: banded }, mark: { type: 'area', color: COLOURS.band, opacity: 0.45 }, encoding: { x: TIME_X, y: valueY('low', yTitle), y2: { field: 'high' } } }];
}

/**
 * Accepted baselines as a step line from each acceptance to the next (the
 * last one runs to the end of the chart), each labelled with who accepted it.
 * Baselines before the first run start at the first run: the chart does not
 * stretch back to a baseline accepted long before the history it shows.
 */
export function baselineLayers(baselines: readonly ChartBaseline[], span: readonly [string, string], unit: DisplayUnit, yTitle: string): Layer[] {
  const [start, end] = span.map(Date.parse) as [number, number];
  const sorted = baselines.filter((b) => Date.parse(b.at) <= end).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // Of the baselines accepted before the first run only the latest still applies.
  const visible = [...sorted.filter((b) => Date.parse(b.at) < start).slice(-1), ...sorted.filter((b) => Date.parse(b.at) >= start)];
  if (visible.length === 0) return [];
  const steps = visible.map((b) => ({
    at: Date.parse(b.at) < start ? span[0] : b.at,
    median: b.median * unit.factor,
    label: `accepted by ${b.acceptedBy}`,
    commit: shortCommit(b.commit),
    value: unit.format(b.median),
  }));
  const last = steps[steps.length - 1]!;
  const line = [...steps, { ...last, at: span[1], label: '' }];
  const y = valueY('median', yTitle);
  return [
    { data: { values: line }, mark: { type: 'line', interpolate: 'step-after', color: COLOURS.baseline, strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { x: TIME_X, y } },
    ...labelLayers(steps, span, (values, align, dx) => ({
      data: { values },
      mark: { type: 'text', align, baseline: 'bottom', dx, dy: -3, fontSize: 12, fontWeight: 'bold', color: COLOURS.baseline },
      encoding: { x: TIME_X, y, text: { field: 'label' }, tooltip: [{ field: 'label', title: 'baseline' }, { field: 'value', title: 'median' }, { field: 'commit' }] },
    })),
  ];
}

/** Alerts as large marks on their run's point, coloured by kind. */
export function alertLayer(alerts: readonly ChartAlert[], rows: readonly RunRow[], yTitle: string): Layer[] {
  if (alerts.length === 0 || rows.length === 0) return [];
  const byRun = new Map(rows.map((r) => [r.runId, r]));
  const marks = alerts.map((alert) => {
    // An alert whose run is not drawn sits on the run nearest in time, so it is never silently lost.
    const row = byRun.get(alert.runId) ?? nearestInTime(rows, alert.at);
    return { at: row.at, median: row.median, category: alertCategory(alert.kind), kind: alert.kind, state: alert.state, runId: alert.runId, value: row.value };
  });
  return [
    {
      data: { values: marks },
      mark: { type: 'point', shape: 'diamond', filled: true, size: 160, opacity: 0.9, stroke: 'white', strokeWidth: 1 },
      encoding: {
        x: TIME_X,
        y: valueY('median', yTitle),
        color: { field: 'category', type: 'nominal', title: 'alert', scale: { domain: [...ALERT_CATEGORIES], range: [...ALERT_RANGE] } },
        tooltip: [{ field: 'kind' }, { field: 'state' }, { field: 'value', title: 'median' }, { field: 'runId', title: 'run' }],
      },
    },
  ];
}

/** Change points as dashed vertical rules labelled "+5.8%" at the top; red when the change is for the worse. */
export function changePointLayers(changePoints: readonly ChartChangePoint[], direction: 'lower' | 'higher', span: readonly [string, string]): Layer[] {
  if (changePoints.length === 0) return [];
  const rows = changePoints.map((c) => ({
    at: c.at,
    label: formatRatio(c.ratio),
    commit: shortCommit(c.commit),
    colour: (c.ratio > 1) === (direction === 'lower') ? COLOURS.regression : COLOURS.improvement,
  }));
  const tooltip = [{ field: 'label', title: 'change' }, { field: 'commit' }];
  return [
    { data: { values: rows }, mark: { type: 'rule', strokeDash: [4, 4], strokeWidth: 1.5 }, encoding: { x: TIME_X, color: { field: 'colour', type: 'nominal', scale: null }, tooltip } },
    ...labelLayers(rows, span, (values, align, dx) => ({
      data: { values },
      mark: { type: 'text', align, baseline: 'top', dx, y: 2, fontSize: 13, fontWeight: 'bold' },
      encoding: { x: TIME_X, text: { field: 'label' }, color: { field: 'colour', type: 'nominal', scale: null }, tooltip },
    })),
  ];
}

function nearestInTime(rows: readonly RunRow[], at: string): RunRow {
  const ms = Date.parse(at);
  let best = rows[0]!;
  for (const row of rows) if (Math.abs(Date.parse(row.at) - ms) < Math.abs(Date.parse(best.at) - ms)) best = row;
  return best;
}

/** "2024-03-05 14:02 UTC": vega's own time formats follow the local zone, so the tooltip text is made here. */
export function whenOf(at: string): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
