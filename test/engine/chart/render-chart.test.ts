import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { caseChartSpec } from '../../../src/engine/chart/case-chart-spec.js';
import { chartFontOptions } from '../../../src/engine/chart/chart-font.js';
import { renderChart } from '../../../src/engine/chart/render-chart.js';
import { renderPng } from '../../../src/engine/chart/render-png.js';
import { renderSvg } from '../../../src/engine/chart/render-svg.js';
import { yearOfHistory } from './year-of-history.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (always the first, at byte 8). */
function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels darker than light grey in the rows [top, bottom) of an RGBA image: ink. */
function inkIn(image: { pixels: Buffer; width: number }, top: number, bottom: number): number {
  const pixels = image.pixels; // a getter that copies the whole image: read it once
  let ink = 0;
  for (let y = top; y < bottom; y++)
    for (let x = 0; x < image.width; x++) {
      const at = 4 * (y * image.width + x);
      if ((pixels[at] ?? 255) < 160 && (pixels[at + 1] ?? 255) < 160 && (pixels[at + 2] ?? 255) < 160) ink++;
    }
  return ink;
}

const forty = caseChartSpec(yearOfHistory(40));

describe('renderSvg', () => {
  it('draws the case id, the axis title and the alert legend as text', async () => {
    const svg = await renderSvg(forty);
    expect(svg).toMatch(/^<svg [^>]*width="900" height="460"/);
    expect(svg).toContain('>json/parse 50KB<');
    expect(svg).toContain('>1.20<'); // a value-axis label
    expect(svg).toContain('>regression<');
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('draws the "only one run" message for a case with one run', async () => {
    const data = yearOfHistory(1);
    const svg = await renderSvg(caseChartSpec({ ...data, baselines: [], alerts: [], changePoints: [] }));
    expect(svg).toContain('>only one run so far — a trend needs at least two<');
  });

  it('lays text out in the shipped font: a typical value-axis title is drawn whole, not cut short', async () => {
    // 37 characters at 14 px: 281 px in DejaVu Sans, 414 px by vega's canvas-less guess, and the plot is ~310 px tall.
    const svg = await renderSvg(forty);
    expect(svg).toContain('>median per run (ms) — json/parse 50KB<');
    expect(svg).not.toContain('…');
  });

  it('refuses a spec that names a URL instead of fetching it', async () => {
    const spec: TopLevelSpec = { data: { url: 'http://127.0.0.1:9/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } };
    await expect(renderSvg(spec)).rejects.toThrow(/refusing to load/);
  });
});

describe('renderPng', () => {
  it('writes a PNG as wide as the SVG by default', async () => {
    const png = await renderPng(await renderSvg(forty));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(ihdr(png)).toEqual({ width: 900, height: 460 });
  });

  it('scales to the requested width, keeping the aspect ratio', async () => {
    const png = await renderChart(forty, 'png', { width: 450 });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(ihdr(png)).toEqual({ width: 450, height: 230 });
  });

  it('draws text with the shipped font and no system fonts: without its text the picture changes', async () => {
    const svg = await renderSvg(forty);
    const withText = await renderPng(svg);
    const withoutText = await renderPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''));
    expect(withText.equals(withoutText)).toBe(false);
  });

  it('puts glyphs in the title band only because of the shipped font', async () => {
    // The title sits in the top 40 px; nothing but text is drawn there.
    const svg = await renderSvg(forty);
    const shipped = new Resvg(svg, { font: chartFontOptions() }).render();
    const noFonts = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render();
    expect(chartFontOptions().loadSystemFonts).toBe(false);
    expect(inkIn(noFonts, 0, 40)).toBe(0);
    expect(inkIn(shipped, 0, 40)).toBeGreaterThan(500);
  });

  it('keeps the title on the picture when a long case id makes the value-axis title taller than the plot', async () => {
    // vega's own guess at text widths made this axis title overflow the plot,
    // grow the chart's bounds upwards and push the title off the top.
    const data = yearOfHistory(40);
    const svg = await renderSvg(caseChartSpec({ ...data, caseId: 'suite/a-rather-long-case-name-that-goes-on-and-on' }));
    expect(inkIn(new Resvg(svg, { font: chartFontOptions() }).render(), 0, 40)).toBeGreaterThan(500);
  });

  it('refuses a width that is not a whole number of pixels', async () => {
    await expect(renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { width: 0 })).rejects.toThrow(RangeError);
  });
});

describe('renderChart', () => {
  it('returns SVG text for svg and PNG bytes for png', async () => {
    expect(typeof (await renderChart(forty, 'svg'))).toBe('string');
    expect(Buffer.isBuffer(await renderChart(forty, 'png'))).toBe(true);
  });

  it('draws a year of history (18,000 runs) as a PNG', async () => {
    const png = await renderChart(caseChartSpec(yearOfHistory(18_000)), 'png');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(ihdr(png).width).toBe(900);
  });
});
