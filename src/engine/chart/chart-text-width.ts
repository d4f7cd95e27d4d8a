// Teach vega the widths of the font resvg will draw with. vega has no canvas
// in Node and otherwise guesses 0.8 em per character; its scenegraph exposes
// `textMetrics.width` for exactly this (vl-convert replaces it the same way).
// The hook is module state of vega-scenegraph, shared by every View in the
// process: perflab draws all its charts with one font, so one setting fits.
import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { CHART_FONT_FILES } from './chart-font.js';
import { readFontMetrics, type TextWidth } from './font-metrics.js';

/** The fields of a vega text item the width depends on. */
interface TextItem {
  fontSize?: number | null;
  fontWeight?: string | number | null;
  /** Most px the text may take; longer text is drawn truncated with an ellipsis. */
  limit?: number | null;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/** Not in vega's typings, but exported at runtime (vega re-exports vega-scenegraph). */
const { textMetrics } = vega as unknown as { textMetrics: TextMetrics };

let installed: TextMetrics['width'] | undefined;

/** Make vega measure text in the chart font (regular, or bold for bold items). Idempotent. */
export function useChartTextWidth(): void {
  if (installed && textMetrics.width === installed) return;
  const [regularFile, boldFile] = CHART_FONT_FILES;
  const regular = readFontMetrics(readFileSync(regularFile!));
  const bold = readFontMetrics(readFileSync(boldFile!));
  installed = (item, text) => widthOf(item, text, regular, bold);
  textMetrics.width = installed;
}

function widthOf(item: TextItem, text: unknown, regular: TextWidth, bold: TextWidth): number {
  const value = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11; // vega's default font size
  const weight = item.fontWeight;
  const isBold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || Number(weight) >= 600;
  const width = (isBold ? bold : regular)(value, size);
  // vega truncates text wider than its limit before drawing it; measuring the
  // truncation here would re-enter vega's truncate(), which calls this function.
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
