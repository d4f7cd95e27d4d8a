// Text labels pinned to a time on the chart ("accepted by ann", "+5.8%"):
// drawn with a white halo so they stay readable across a dense trend, and
// turned to the left of their anchor near the right edge so they stay on the
// plot (a label running off the plot makes vega shrink the whole chart).
import type { Layer } from './case-chart-layers.js';

export type Side = 'left' | 'right';

/** Labels anchored later than this fraction of the time span are drawn leftwards. */
const TURN_AT = 0.8;

/**
 * Halo and text layers for `rows`, split by side; `textLayer` builds one text
 * layer for the rows on one side (`align` is where the text sits relative to
 * its anchor: 'left' means the text starts there and runs right).
 */
export function labelLayers<R extends { at: string }>(
  rows: readonly R[],
  span: readonly [string, string],
  textLayer: (values: R[], align: Side, dx: number) => Layer,
): Layer[] {
  const [start, end] = [Date.parse(span[0]), Date.parse(span[1])];
  const turned = (row: R) => end > start && (Date.parse(row.at) - start) / (end - start) > TURN_AT;
  const left = rows.filter((row) => !turned(row));
  const right = rows.filter(turned);
  return [
    ...(left.length > 0 ? withHalo(textLayer(left, 'left', 3)) : []),
    ...(right.length > 0 ? withHalo(textLayer(right, 'right', -3)) : []),
  ];
}

/**
 * A text layer drawn twice, first as a thick white outline. vega draws a
 * text's stroke over its fill, so the outline has to be a layer of its own,
 * underneath; it takes no colour scale and no tooltip of its own.
 */
function withHalo(text: Layer): Layer[] {
  if (!('mark' in text) || typeof text.mark !== 'object' || !('encoding' in text)) return [text];
  const { color: _color, tooltip: _tooltip, ...encoding } = (text.encoding ?? {}) as Record<string, unknown>;
  const halo = { ...text, mark: { ...text.mark, color: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round' }, encoding };
  return [halo as Layer, text];
}
