import { describe, expect, it } from 'vitest';
import type { FuzzChartRun } from '../../../src/engine/chart/chart-data.js';
import { fuzzChartSpec } from '../../../src/engine/chart/fuzz-chart-spec.js';
import { renderSvg } from '../../../src/engine/chart/render-svg.js';
import { layerNamed, textsOf, titleOf, valuesOf } from './spec-layers.js';

function run(i: number, counts: Partial<Pick<FuzzChartRun, 'new' | 'fixed' | 'regressed'>> = {}): FuzzChartRun {
  return { runId: `f${i}`, commit: `${i}`.padStart(40, 'a'), at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), new: 0, fixed: 0, regressed: 0, ...counts };
}

describe('fuzzChartSpec', () => {
  it('stacks new, regressed and fixed counts per run, in time order', () => {
    const spec = fuzzChartSpec({ title: 'fuzz', runs: [run(2, { fixed: 1 }), run(0, { new: 2 }), run(1, { new: 1, regressed: 3 })] });
    const bars = layerNamed(spec, 'runs');
    expect(bars.mark?.type).toBe('bar');
    expect(valuesOf(bars).map((r) => [r.runId, r.kind, r.count])).toEqual([
      ['f0', 'new', 2], ['f0', 'regressed', 0], ['f0', 'fixed', 0],
      ['f1', 'new', 1], ['f1', 'regressed', 3], ['f1', 'fixed', 0],
      ['f2', 'new', 0], ['f2', 'regressed', 0], ['f2', 'fixed', 1],
    ]);
    expect(bars.encoding?.y).toMatchObject({ field: 'count', aggregate: 'sum', stack: 'zero' });
  });

  it('colours new red, regressed orange and fixed green', () => {
    const { domain, range } = layerNamed(fuzzChartSpec({ title: 'fuzz', runs: [run(0)] }), 'runs').encoding!.color!.scale!;
    expect(Object.fromEntries(domain!.map((d, i) => [d, range![i]]))).toEqual({ new: '#d62728', regressed: '#ff7f0e', fixed: '#2ca02c' });
  });

  it('draws only the latest maxRuns runs and says so, with totals over all runs', () => {
    const runs = Array.from({ length: 100 }, (_, i) => run(i, { new: 1 }));
    const spec = fuzzChartSpec({ title: 'fuzz', runs }, { maxRuns: 10 });
    expect(new Set(valuesOf(layerNamed(spec, 'runs')).map((r) => r.runId))).toEqual(new Set(runs.slice(-10).map((r) => r.runId)));
    expect(titleOf(spec).subtitle).toBe('last 10 of 100 runs · 100 new · 0 regressed · 0 fixed in all');
  });

  it('says there are no runs yet when there are none', () => {
    expect(textsOf(fuzzChartSpec({ title: 'fuzz', runs: [] }), 'message')).toEqual(['no runs yet — a trend needs at least two']);
  });

  it('labels each bar with its commit', async () => {
    const svg = await renderSvg(fuzzChartSpec({ title: 'fuzz: query-string', runs: [run(1), run(2, { new: 1 })] }));
    expect(svg).toContain('>fuzz: query-string<');
    expect(svg).toContain('>aaaaaaa<');
  });
});
