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

/** The spec with `href` added to each inline datum that has a `runId`. */
export function withRunLinks(spec: TopLevelSpec, root: string): TopLevelSpec {
  if (!('layer' in spec) || !Array.isArray(spec.layer)) return spec;
  const layer = (spec.layer as InlineLayer[]).map((l) => {
    const values = l.data?.values;
    if (!Array.isArray(values)) return l;
    return { ...l, data: { ...l.data, values: values.map((v: Record<string, unknown>) => (typeof v.runId === 'string' ? { ...v, href: link(root, { page: 'run', runId: v.runId }) } : v)) } };
  });
  return { ...spec, layer } as TopLevelSpec;
}

/** A box the page script draws `spec` into; `kind` says what hovering does (`case`: show the run, click opens it). */
export function chartBox(id: string, spec: TopLevelSpec, kind: 'case' | 'spark', label: string): Html {
  return html`<div class="${kind === 'case' ? 'chart' : 'spark'}" role="img" aria-label="${label}" data-chart="${id}" data-kind="${kind}"></div>${jsonScript(id, spec)}`;
}
