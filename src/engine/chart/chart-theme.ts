// How every perflab chart looks: one font (the one renderPng ships, so the
// layout vega computes is the one resvg draws), sizes that stay readable when
// Slack shrinks a 900 px picture to a thumbnail, and one meaning per colour.
import type { Config } from 'vega-lite';

/** The family of the font files renderPng loads; every text mark uses it. */
export const CHART_FONT = 'DejaVu Sans';

/** Alert and change colours: bad is red, good is green, drift is orange, anything else grey. */
export const COLOURS = {
  regression: '#d62728',
  improvement: '#2ca02c',
  drift: '#ff7f0e',
  other: '#7f7f7f',
  trend: '#1f77b4',
  band: '#9ecae1',
  baseline: '#525252',
  muted: '#737373',
} as const;

export type AlertCategory = 'regression' | 'improvement' | 'drift' | 'other';

/** Legend order of alert categories, with their colours in the same order. */
export const ALERT_CATEGORIES: readonly AlertCategory[] = ['regression', 'improvement', 'drift', 'other'];
export const ALERT_RANGE: readonly string[] = ALERT_CATEGORIES.map((c) => COLOURS[c]);

/** An alert's kind or a run's verdict as one of the four colours. */
export function alertCategory(kindOrVerdict: string): AlertCategory {
  switch (kindOrVerdict) {
    case 'regression':
    case 'regressed':
      return 'regression';
    case 'improvement':
    case 'improved':
      return 'improvement';
    case 'drift':
      return 'drift';
    default:
      return 'other';
  }
}

/** The first 12 characters of a commit (enough to be unique in any repository a lab sees), or a dash. */
export function shortCommit(commit: string | null | undefined): string {
  return commit ? commit.slice(0, 12) : '—';
}

/** Vega-lite config shared by every chart. */
export function chartConfig(): Config {
  return {
    font: CHART_FONT,
    background: 'white',
    padding: 12,
    // No per-mark aria descriptions: for 1,500 points they were most of the
    // layout time and two thirds of the SVG, and a PNG has no use for them.
    aria: false,
    title: { fontSize: 20, subtitleFontSize: 14, subtitleColor: COLOURS.muted, anchor: 'start', offset: 12 },
    // A long case id must not make the value axis title taller than the plot:
    // vega would grow the picture's bounds to hold it and push the title out.
    axis: { labelFontSize: 13, titleFontSize: 14, titleFontWeight: 'normal', gridColor: '#e5e5e5' },
    axisY: { titleLimit: { expr: 'height' } },
    legend: { labelFontSize: 13, titleFontSize: 13, orient: 'bottom', direction: 'horizontal' },
    text: { fontSize: 13 },
  };
}
