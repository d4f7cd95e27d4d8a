// The font perflab draws with, shipped as an npm dependency (dejavu-fonts-ttf)
// rather than found on the machine: a slim container has no fonts at all, and
// resvg then draws a chart with no text. System fonts stay off so a picture
// looks the same on every machine (and renders faster: no font scan).
import { createRequire } from 'node:module';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT } from './chart-theme.js';

const require = createRequire(import.meta.url);

/** Regular for labels, bold for titles (vega draws titles bold; without the file resvg would fall back to regular). */
export const CHART_FONT_FILES: readonly string[] = [
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
