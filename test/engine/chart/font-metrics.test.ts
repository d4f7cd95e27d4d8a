import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILES, chartFontOptions } from '../../../src/engine/chart/chart-font.js';
import { readFontMetrics } from '../../../src/engine/chart/font-metrics.js';

/** The width resvg actually draws `text` with, from the bounding box of its ink. */
function drawnWidth(text: string, fontSize: number, weight: 'normal' | 'bold'): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="60" font-family="DejaVu Sans" font-weight="${weight}" font-size="${fontSize}px">${text}</text></svg>`;
  const box = new Resvg(svg, { font: chartFontOptions() }).getBBox();
  if (!box) throw new Error(`resvg drew nothing for "${text}"`);
  return box.width;
}

const SAMPLES = ['json/parse 50KB — median per run (ms)', 'accepted by carol', 'September', '+5.8%', '1.32', 'µs · –'];

describe('readFontMetrics', () => {
  it('measures text within 12% of the width resvg draws it, for the regular and the bold face', () => {
    // Ink is narrower than the advance by each end's side bearing: a few px, a lot for "1.32".
    for (const [file, weight] of [[CHART_FONT_FILES[0], 'normal'], [CHART_FONT_FILES[1], 'bold']] as const) {
      const width = readFontMetrics(readFileSync(file));
      for (const text of SAMPLES) {
        const drawn = drawnWidth(text, 14, weight);
        expect(width(text, 14), `${weight} "${text}"`).toBeGreaterThanOrEqual(drawn);
        expect(width(text, 14), `${weight} "${text}"`).toBeLessThan(drawn * 1.12);
      }
    }
  });

  it('scales with the font size', () => {
    const width = readFontMetrics(readFileSync(CHART_FONT_FILES[0]));
    expect(width('median', 28)).toBeCloseTo(2 * width('median', 14), 9);
  });

  it('gives a character the font has no glyph for the width of the missing-glyph box', () => {
    const width = readFontMetrics(readFileSync(CHART_FONT_FILES[0]));
    expect(width('\u{E000}', 10)).toBeCloseTo(width('\u{E001}', 10), 9); // private use: glyph 0 both times
    expect(width('\u{E000}', 10)).toBeGreaterThan(0);
  });

  it('refuses bytes that are not a TrueType font', () => {
    expect(() => readFontMetrics(new Uint8Array(64))).toThrow(/TrueType/);
  });
});
