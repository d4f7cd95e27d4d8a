// SVG → PNG with resvg and the shipped font (chart-font.ts). resvg works off
// the main thread (renderAsync), so a server drawing a chart for an alert
// thread does not stall its event loop for the ~50 ms a chart takes.
import { chartFontOptions } from './chart-font.js';

export interface RenderPngOptions {
  /** Width of the PNG, px; the height follows the SVG's aspect ratio. Default: the SVG's own width. */
  width?: number;
}

export async function renderPng(svg: string, options: RenderPngOptions = {}): Promise<Buffer> {
  const { width } = options;
  if (width !== undefined && !(Number.isInteger(width) && width > 0)) throw new RangeError(`PNG width must be a whole number of pixels > 0, got ${width}`);
  const { renderAsync } = await import('@resvg/resvg-js'); // a native binary: loaded when a PNG is drawn
  const image = await renderAsync(svg, {
    font: chartFontOptions(),
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
    background: 'white',
    logLevel: 'off',
  });
  return image.asPng();
}
