// Reading the parts of a vega-lite spec the chart tests assert on, without
// tying the tests to how the spec is nested.
import type { TopLevelSpec } from 'vega-lite';

export interface LayerView {
  name?: string;
  data?: { name?: string; values?: Record<string, unknown>[] };
  mark?: { type: string; [key: string]: unknown };
  encoding?: Record<string, { field?: string; title?: unknown; scale?: { domain?: unknown[]; range?: unknown[] } } | undefined>;
  layer?: LayerView[];
}

/** Every unit layer of a spec, however deep (layers inside layers, vconcat panels). */
export function layersOf(spec: TopLevelSpec): LayerView[] {
  const out: LayerView[] = [];
  const visit = (node: LayerView & { vconcat?: LayerView[] }) => {
    if (node.mark) out.push(node);
    for (const child of [...(node.layer ?? []), ...(node.vconcat ?? [])]) visit(child);
  };
  visit(spec as unknown as LayerView);
  return out;
}

export function layerNamed(spec: TopLevelSpec, name: string): LayerView {
  const found = layersOf(spec).find((layer) => layer.name === name);
  if (!found) throw new Error(`no layer named "${name}"`);
  return found;
}

export function valuesOf(layer: LayerView): Record<string, unknown>[] {
  return layer.data?.values ?? [];
}

/** All text shown by text marks' data under `field`. */
export function textsOf(spec: TopLevelSpec, field = 'label'): string[] {
  return layersOf(spec)
    .filter((layer) => layer.mark?.type === 'text')
    .flatMap((layer) => valuesOf(layer).map((row) => row[field]))
    .filter((text): text is string => typeof text === 'string' && text !== '');
}

export function titleOf(spec: TopLevelSpec): { text?: string; subtitle?: string } {
  const title = (spec as { title?: string | { text?: string; subtitle?: string } }).title;
  return typeof title === 'string' ? { text: title } : (title ?? {});
}
