// A chart spec made ready for a page: every datum that names a run gets the
// link to that run's page (the page script follows it on click), and the
// spec goes into the page as JSON for vega-lite and vega to draw in the
// browser. Drawing stays in the chart stage; this only adds the links.
import type { TopLevelSpec } from 'vega-lite';
import { jsonScript, html, type Html } from './html.js';
import { link } from './layout.js';

interface InlineLayer {
  data?: { values?: unknown };
}

/**
 * The spec with `href` added to each inline datum that has a `runId`, and
 * each inline dataset that several layers repeat (the trend line, its points
 * and its band draw the same runs) sent once, as a top-level named dataset:
 * a year's chart is a third the bytes.
 */
export function withRunLinks(spec: TopLevelSpec, root: string): TopLevelSpec {
  if (!('layer' in spec) || !Array.isArray(spec.layer)) return spec;
  const layers = spec.layer as InlineLayer[];
  // Group the layers' inline rows: one dataset per distinct array, named after the layer that names it (the chart's `runs`).
  const groups: { rows: unknown[]; name?: string }[] = [];
  const groupOf = layers.map((l) => {
    const values = l.data?.values;
    if (!Array.isArray(values)) return -1;
    let at = groups.findIndex((g) => sameRows(g.rows, values));
    if (at < 0) at = groups.push({ rows: values }) - 1;
    const name = (l.data as { name?: unknown }).name;
    if (typeof name === 'string') groups[at]!.name ??= name;
    return at;
  });
  const names = groups.map((g, i) => g.name ?? `inline_${i}`);
  const datasets = Object.fromEntries(
    groups.map((g, i) => [names[i], g.rows.map((v) => (isRun(v) ? { ...v, href: link(root, { page: 'run', runId: v.runId }) } : v))]),
  );
  const layer = layers.map((l, i) => (groupOf[i]! < 0 ? l : { ...l, data: { name: names[groupOf[i]!] } }));
  return { ...spec, datasets, layer } as TopLevelSpec;
}

function isRun(value: unknown): value is { runId: string } {
  return typeof value === 'object' && value !== null && typeof (value as { runId?: unknown }).runId === 'string';
}

/** The same rows (by identity, as the chart stage shares them between layers). */
function sameRows(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}

/** A box the page script draws `spec` into; `kind` says what hovering does (`case`: show the run, click opens it). */
export function chartBox(id: string, spec: TopLevelSpec, kind: 'case' | 'spark', label: string): Html {
  return html`<div class="${kind === 'case' ? 'chart' : 'spark'}" role="img" aria-label="${label}" data-chart="${id}" data-kind="${kind}"></div>${jsonScript(id, spec)}`;
}
