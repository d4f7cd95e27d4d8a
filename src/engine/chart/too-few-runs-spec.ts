// A history too short for a trend still gets a picture, one that says why:
// an empty frame in a Slack thread reads as "perflab is broken". With one run
// the caller's layers (the run, named so a page still finds it) are drawn
// beside the message.
import type { TopLevelSpec } from 'vega-lite';
import type { Layer } from './case-chart-layers.js';
import type { ResolvedChartOptions } from './chart-options.js';
import { sizeOf } from './chart-options.js';
import { COLOURS, chartConfig } from './chart-theme.js';

/** The words on a chart of `runs` runs, or null when there are enough for a trend. */
export function tooFewRunsMessage(runs: number): string | null {
  if (runs === 0) return 'no runs yet — a trend needs at least two';
  if (runs === 1) return 'only one run so far — a trend needs at least two';
  return null;
}

export interface TooFewRunsInput {
  title: string;
  /** How many runs there are (0 or 1). */
  runs: number;
  /** What the one run measured, under the title; default: nothing. */
  subtitle?: string;
  /** What to draw of them; empty for no axes at all. */
  layers: readonly Layer[];
  options: ResolvedChartOptions;
}

export function tooFewRunsSpec({ title, runs, subtitle, layers, options }: TooFewRunsInput): TopLevelSpec {
  const message = tooFewRunsMessage(runs) ?? 'too few runs for a trend';
  const text = {
    data: { values: [{ message }] },
    mark: { type: 'text', fontSize: 16, color: COLOURS.muted },
    encoding: { text: { field: 'message' } },
  } as const;
  const common = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : { text: title },
    // One value makes a zero-width domain, for which vega prints every digit it has.
    config: { ...chartConfig(), view: { stroke: null }, axisY: { ...chartConfig().axisY, format: '.3~r' } },
  } as const;
  if (layers.length === 0) {
    // Nothing to measure against, so no axes and no frame to look empty.
    return { ...common, ...sizeOf({ ...options, height: Math.min(options.height, 160) }), ...text };
  }
  return { ...common, ...sizeOf(options), layer: [...layers, { ...text, mark: { ...text.mark, dy: -40 } }] };
}
