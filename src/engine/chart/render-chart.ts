// One call from spec to file contents: what an alert thread or a page export needs.
import type { TopLevelSpec } from 'vega-lite';
import { renderPng, type RenderPngOptions } from './render-png.js';
import { renderSvg } from './render-svg.js';

export type ChartFormat = 'svg' | 'png';

/** SVG text, or PNG bytes (scaled to `options.width` when given). */
export function renderChart(spec: TopLevelSpec, format: 'svg'): Promise<string>;
export function renderChart(spec: TopLevelSpec, format: 'png', options?: RenderPngOptions): Promise<Buffer>;
export function renderChart(spec: TopLevelSpec, format: ChartFormat, options?: RenderPngOptions): Promise<string | Buffer>;
export async function renderChart(spec: TopLevelSpec, format: ChartFormat, options: RenderPngOptions = {}): Promise<string | Buffer> {
  const svg = await renderSvg(spec);
  return format === 'svg' ? svg : renderPng(svg, options);
}
