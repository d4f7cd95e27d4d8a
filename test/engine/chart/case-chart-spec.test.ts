import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { caseChartSpec } from '../../../src/engine/chart/case-chart-spec.js';
import type { CaseChartData } from '../../../src/engine/chart/chart-data.js';
import { COLOURS } from '../../../src/engine/chart/chart-theme.js';
import { layerNamed, layersOf, textsOf, titleOf, valuesOf } from './spec-layers.js';
import { yearOfHistory } from './year-of-history.js';

const forty = yearOfHistory(40);
const empty = (data: CaseChartData, points = data.points): CaseChartData => ({ ...data, points, baselines: [], alerts: [], changePoints: [] });

describe('caseChartSpec', () => {
  it('carries one runs datum per input point, each with its runId', () => {
    const runs = valuesOf(layerNamed(caseChartSpec(forty), 'runs'));
    expect(runs.map((r) => r.runId)).toEqual(forty.points.map((p) => p.runId));
  });

  it('names the runs dataset so a page finds it in the compiled view', async () => {
    const view = new View(parse(compile(caseChartSpec(forty)).spec), { renderer: 'none' });
    await view.runAsync();
    expect(view.data('runs')).toHaveLength(40);
    view.finalize();
  });

  it('puts the tooltip fields on each run: short commit, author, median with unit, verdict, runId', () => {
    const [first] = valuesOf(layerNamed(caseChartSpec(forty), 'runs'));
    expect(first).toMatchObject({ commit: forty.points[0]!.commit!.slice(0, 12), author: 'ann', verdict: 'unchanged', runId: 'r0' });
    expect(first?.value).toMatch(/^\d\.\d\d ms$/);
    const fields = (layerNamed(caseChartSpec(forty), 'runs').encoding?.tooltip as unknown as { field: string }[]).map((t) => t.field);
    expect(fields).toEqual(expect.arrayContaining(['commit', 'author', 'value', 'verdict', 'runId']));
  });

  it('titles the chart with the case id and the value axis with a human unit, then the case id', () => {
    const spec = caseChartSpec(forty);
    expect(titleOf(spec).text).toBe('json/parse 50KB');
    expect(layerNamed(spec, 'runs').encoding?.y?.title).toBe('median per run (ms) — json/parse 50KB');
  });

  it('puts time on x as UTC', () => {
    const x = layerNamed(caseChartSpec(forty), 'runs').encoding?.x as { type?: string; scale?: { type?: string } };
    expect(x).toMatchObject({ type: 'temporal', scale: { type: 'utc' } });
  });

  it('draws the noise band from low to high, in the display unit', () => {
    const band = layersOf(caseChartSpec(forty)).find((l) => l.mark?.type === 'area');
    expect(band?.encoding?.y?.field).toBe('low');
    expect(band?.encoding?.y2?.field).toBe('high');
    expect(valuesOf(band!)[0]?.low).toBeCloseTo((forty.points[0]!.low! as number) / 1e6, 9);
  });

  it('draws no band when no run has one', () => {
    const bare = { ...forty, points: forty.points.map(({ low: _low, high: _high, ...p }) => p) };
    expect(layersOf(caseChartSpec(bare)).some((l) => l.mark?.type === 'area')).toBe(false);
  });

  it('draws accepted baselines as a step-after line labelled with who accepted them', () => {
    const spec = caseChartSpec(forty);
    const steps = layersOf(spec).find((l) => l.mark?.type === 'line' && l.mark.interpolate === 'step-after');
    expect(steps).toBeDefined();
    expect(valuesOf(steps!).at(-1)?.at).toBe(forty.points.at(-1)?.at); // the last step runs to the end
    expect(textsOf(spec)).toEqual(expect.arrayContaining(['accepted by ann', 'accepted by bob', 'accepted by carol']));
  });

  it('colours alerts by kind: regression red, improvement green, drift orange, anything else grey', () => {
    const alerts = layersOf(caseChartSpec(forty)).find((l) => l.encoding?.color?.field === 'category');
    expect(valuesOf(alerts!).map((a) => [a.kind, a.category])).toEqual([
      ['regression', 'regression'],
      ['improvement', 'improvement'],
      ['drift', 'drift'],
      ['canary', 'other'],
    ]);
    const { domain, range } = alerts!.encoding!.color!.scale!;
    expect(Object.fromEntries(domain!.map((d, i) => [d, range![i]]))).toEqual({ regression: COLOURS.regression, improvement: COLOURS.improvement, drift: COLOURS.drift, other: COLOURS.other });
  });

  it('labels change points with their ratio as a signed percentage', () => {
    const spec = caseChartSpec(forty);
    expect(layersOf(spec).some((l) => l.mark?.type === 'rule')).toBe(true);
    expect(textsOf(spec)).toEqual(expect.arrayContaining(['+5.8%', '-9.8%']));
  });

  it('says a case with one run needs another for a trend', () => {
    const spec = caseChartSpec(empty(forty, forty.points.slice(0, 1)));
    expect(textsOf(spec, 'message')).toEqual(['only one run so far — a trend needs at least two']);
    expect(valuesOf(layerNamed(spec, 'runs'))).toHaveLength(1);
  });

  it('says a case with no runs has none yet, and draws no axes', () => {
    const spec = caseChartSpec(empty(forty, []));
    expect(textsOf(spec, 'message')).toEqual(['no runs yet — a trend needs at least two']);
    expect(layersOf(spec).map((l) => l.mark?.type)).toEqual(['text']);
  });

  it('draws at most maxPoints runs of a year and says how many it drew', () => {
    const spec = caseChartSpec(yearOfHistory(), { maxPoints: 500 });
    expect(valuesOf(layerNamed(spec, 'runs')).length).toBeLessThanOrEqual(500);
    expect(titleOf(spec).subtitle).toMatch(/^18,000 runs · lower is better · 2024-01-01 – 2024-12-30 UTC · \d{3} drawn$/);
  });

  it('draws a point per run only when there are few enough to tell apart', () => {
    expect(layerNamed(caseChartSpec(forty), 'runs').mark?.type).toBe('point');
    expect(layerNamed(caseChartSpec(yearOfHistory()), 'runs').mark?.type).toBe('line');
    expect(layerNamed(caseChartSpec(yearOfHistory(), { pointPerRun: true }), 'runs').mark?.type).toBe('point');
  });

  it('refuses a width that is not a number of pixels', () => {
    expect(() => caseChartSpec(forty, { width: Number.NaN })).toThrow(RangeError);
  });
});
