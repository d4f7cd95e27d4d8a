import { describe, expect, it } from 'vitest';
import type { StressChartData, StressChartPoint } from '../../../src/engine/chart/chart-data.js';
import { renderSvg } from '../../../src/engine/chart/render-svg.js';
import { stressChartSpec } from '../../../src/engine/chart/stress-chart-spec.js';
import { layersOf, textsOf, titleOf } from './spec-layers.js';

function run(i: number, p99: number | null, throughput: number | null): StressChartPoint {
  return { runId: `s${i}`, commit: `c${i}`.padEnd(40, '0'), at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), p99, throughput };
}

const data: StressChartData = {
  scenarioId: 'api/checkout',
  points: [run(0, 180e6, 2000), run(1, null, null), run(2, 240e6, 1700), run(3, 185e6, 1990)],
  limits: { p99: 250e6, throughput: 1500 },
};

describe('stressChartSpec', () => {
  it('has a p99 panel and a throughput panel over one shared time axis', () => {
    const spec = stressChartSpec(data) as { vconcat?: { name?: string }[]; resolve?: unknown };
    expect(spec.vconcat?.map((panel) => panel.name)).toEqual(['p99', 'throughput']);
    expect(spec.resolve).toEqual({ scale: { x: 'shared' } });
  });

  it('puts every run once in the shared runs dataset, p99 in the display unit', () => {
    const { datasets } = stressChartSpec(data) as { datasets?: { runs?: Record<string, unknown>[] } };
    expect(datasets?.runs?.map((r) => r.runId)).toEqual(['s0', 's1', 's2', 's3']);
    expect(datasets?.runs?.[2]).toMatchObject({ p99: 240, throughput: 1700, p99Text: '240.0 ms', throughputText: '1,700 req/s' });
  });

  it('titles the latency axis in a human unit', () => {
    const titles = layersOf(stressChartSpec(data)).map((l) => l.encoding?.y?.title);
    expect(titles).toContain('p99 latency (ms)');
    expect(titles).toContain('throughput (req/s)');
  });

  it('draws the thresholds as rules in the axis units', () => {
    const rules = layersOf(stressChartSpec(data)).filter((l) => l.mark?.type === 'rule');
    expect(rules.map((r) => r.data?.values?.[0]?.limit)).toEqual([250, 1500]);
  });

  it('skips runs that could not tell instead of drawing them at zero', async () => {
    const svg = await renderSvg(stressChartSpec({ ...data, limits: {} }));
    const lines = [...svg.matchAll(/class="mark-line role-mark[^"]*"[^>]*><path [^>]*d="([^"]*)"/g)].map((m) => m[1]!);
    // Four runs, one of which measured nothing: each line joins three points (M + two L).
    expect(lines.map((d) => (d.match(/[ML]/g) ?? []).length)).toEqual([3, 3]);
  });

  it('says a scenario with one run needs another for a trend', () => {
    const spec = stressChartSpec({ scenarioId: 'api/checkout', points: [run(0, 180e6, 2000)] });
    expect(textsOf(spec, 'message')).toEqual(['only one run so far — a trend needs at least two']);
    expect(titleOf(spec).subtitle).toBe('p99 180.0 ms · 2,000 req/s · commit c00000000000');
  });

  it('renders both panels with their titles', async () => {
    const svg = await renderSvg(stressChartSpec(data));
    expect(svg).toContain('>api/checkout<');
    expect(svg).toContain('>p99 latency (ms)<');
    expect(svg).toContain('>throughput (req/s)<');
  });
});
