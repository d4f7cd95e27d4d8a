import { describe, expect, it } from 'vitest';
import { COLOURS } from '../../../src/engine/chart/chart-theme.js';
import { renderSvg } from '../../../src/engine/chart/render-svg.js';
import { sparklineSpec } from '../../../src/engine/chart/sparkline-spec.js';
import { layerNamed, layersOf, valuesOf } from './spec-layers.js';
import { yearOfHistory } from './year-of-history.js';

describe('sparklineSpec', () => {
  it('is a tiny picture with no axes and no title', async () => {
    const svg = await renderSvg(sparklineSpec(yearOfHistory(100).points));
    expect(svg).toMatch(/^<svg [^>]*width="160" height="32"/);
    expect(svg).not.toContain('role-axis-label');
    expect(svg).not.toContain('role-title');
  });

  it('downsamples a year to at most maxPoints runs', () => {
    expect(valuesOf(layerNamed(sparklineSpec(yearOfHistory().points), 'runs')).length).toBeLessThanOrEqual(200);
  });

  it('marks the latest run in its verdict colour', () => {
    const points = yearOfHistory(50).points;
    points[49] = { ...points[49]!, verdict: 'regressed' };
    const dot = layersOf(sparklineSpec(points)).find((l) => l.mark?.type === 'circle');
    expect(dot?.mark?.color).toBe(COLOURS.regression);
    expect(valuesOf(dot!)[0]?.runId).toBe('r49');
  });

  it('draws a dash, not an empty box, for a case with no runs', async () => {
    expect(await renderSvg(sparklineSpec([]))).toContain('>—<');
  });
});
