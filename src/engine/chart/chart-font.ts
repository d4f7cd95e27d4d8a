// The font perflab draws with, shipped as an npm dependency (dejavu-fonts-ttf)
// rather than found on the machine: a slim container has no fonts at all, and
// resvg then draws a chart with no text. Both ends use it: resvg draws with
// these files only (system fonts off, so a picture looks the same everywhere
// and no font scan is paid), and vega lays text out with their real widths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT } from './chart-theme.js';
import { readFontMetrics, type TextWidth } from './font-metrics.js';

const require = createRequire(import.meta.url);

/** Regular for labels, bold for titles (vega draws titles bold; without the file resvg would fall back to regular). */
export const CHART_FONT_FILES: readonly [regular: string, bold: string] = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

/** resvg's font options: the shipped files only. */
export function chartFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  return {
    fontFiles: [...CHART_FONT_FILES],
    loadSystemFonts: false,
    defaultFontFamily: CHART_FONT,
    sansSerifFamily: CHART_FONT,
  };
}

/** The fields of a vega text item its width depends on. */
interface TextItem {
  fontSize?: number | null;
  fontWeight?: string | number | null;
  /** Most px the text may take; longer text is drawn truncated with an ellipsis. */
  limit?: number | null;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/**
 * vega has no canvas in Node and otherwise guesses 0.8 em per character, a
 * third too wide for DejaVu Sans. Its scenegraph exposes `textMetrics.width`
 * for exactly this (vl-convert replaces it the same way); it is not in vega's
 * typings but is exported at runtime.
 */
let installed: TextMetrics['width'] | undefined;

/**
 * Make vega measure text in the chart font (bold for bold items). The hook is
 * module state shared by every vega View in the process: perflab draws all its
 * charts in one font, so one setting fits. Idempotent.
 */
export async function useChartTextWidth(): Promise<void> {
  // Loaded here, not at the top: vega is ~200 modules, and only drawing needs it.
  const { textMetrics } = (await import('vega')) as unknown as { textMetrics: TextMetrics };
  if (installed && textMetrics.width === installed) return;
  const [regular, bold] = CHART_FONT_FILES.map((file) => readFontMetrics(readFileSync(file))) as [TextWidth, TextWidth];
  installed = (item, text) => widthOf(item, text, regular, bold);
  textMetrics.width = installed;
}

function widthOf(item: TextItem, text: unknown, regular: TextWidth, bold: TextWidth): number {
  const value = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11; // vega's default font size
  const weight = item.fontWeight;
  const isBold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  const width = (isBold ? bold : regular)(value, size);
  // vega truncates text wider than its limit before drawing it; measuring the
  // truncation here would re-enter vega's truncate(), which calls this function.
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
