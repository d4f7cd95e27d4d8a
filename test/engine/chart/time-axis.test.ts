// The time axis by span: one tick step and one label format, never vega's
// mixed multi-format (":20", "10 AM") or milliseconds (".500").
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../src/engine/chart/render-svg.js';
import { caseChartSpec } from '../../../src/engine/chart/case-chart-spec.js';
import type { CaseChartData } from '../../../src/engine/chart/chart-data.js';
import { moversChartSpec } from '../../../src/engine/chart/movers-chart-spec.js';
import { stressChartSpec } from '../../../src/engine/chart/stress-chart-spec.js';
import { timeAxis } from '../../../src/engine/chart/time-axis.js';
import { layersOf } from './spec-layers.js';

const END = Date.parse('2026-12-06T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The axis over the `span` ms that ends at END, 900 px wide. */
const over = (span: number) => timeAxis(new Date(END - span).toISOString(), new Date(END).toISOString(), 900);
const iso = (values: number[] | undefined) => values?.map((t) => new Date(t).toISOString().slice(0, 19));

describe('timeAxis', () => {
  it.each([
    ['a few seconds', 4_000, '%H:%M:%S', 1_000],
    ['three minutes', 3 * MINUTE, '%H:%M:%S', 30_000],
    ['twenty minutes', 20 * MINUTE, '%H:%M', 5 * MINUTE],
    ['three hours', 3 * HOUR, '%H:%M', 30 * MINUTE],
    ['two days (across midnight)', 2 * DAY, '%-d %b %H:%M', 6 * HOUR],
    ['a week', 7 * DAY, '%-d %b', DAY],
    ['six weeks', 42 * DAY, '%-d %b', 7 * DAY],
  ])('over %s labels ticks as %s, evenly %d ms apart', (_span, span, format, step) => {
    const axis = over(span);
    expect(axis.format).toBe(format);
    const values = axis.values ?? [];
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(values.length).toBeLessThanOrEqual(8);
    for (const [i, t] of values.entries()) {
      expect(t % 1000).toBe(0); // whole seconds: never a ".500"
      if (i > 0) expect(t - values[i - 1]!).toBe(step);
      expect(t).toBeGreaterThanOrEqual(END - span);
      expect(t).toBeLessThanOrEqual(END);
    }
  });

  it('puts ticks on round times: whole half-minutes, hours at :00 and :30, days at midnight, weeks on Monday', () => {
    expect(iso(over(3 * MINUTE).values)).toEqual(['2026-12-06T09:57:00', '2026-12-06T09:57:30', '2026-12-06T09:58:00', '2026-12-06T09:58:30', '2026-12-06T09:59:00', '2026-12-06T09:59:30', '2026-12-06T10:00:00']);
    expect(iso(over(3 * HOUR).values)?.[0]).toBe('2026-12-06T07:00:00');
    expect(iso(over(7 * DAY).values)?.[0]).toBe('2026-11-30T00:00:00');
    expect(iso(over(42 * DAY).values)?.every((t) => new Date(`${t}Z`).getUTCDay() === 1)).toBe(true);
  });

  it('adds the year to day labels across New Year, and leaves spans of months to vega', () => {
    expect(timeAxis('2026-12-28T00:00:00Z', '2027-01-03T00:00:00Z', 900).format).toBe('%-d %b %Y');
    expect(over(200 * DAY)).toEqual({});
  });

  it('takes fewer ticks on a narrower chart', () => {
    expect(timeAxis(new Date(END - 3 * HOUR).toISOString(), new Date(END).toISOString(), 300).values).toHaveLength(2);
  });
});

describe('the case chart over a few minutes', () => {
  const data: CaseChartData = {
    caseId: 'json/parse',
    unit: 'ns',
    direction: 'lower',
    points: [0, 1, 2, 3, 4].map((i) => ({ runId: `r${i}`, commit: 'abc', at: new Date(END - (4 - i) * 45_000).toISOString(), median: 1e6 + i * 1e4, low: 0.99e6, high: 1.05e6 })),
    baselines: [{ at: new Date(END - 180_000).toISOString(), median: 1e6, acceptedBy: 'ann', commit: 'abc' }],
    alerts: [],
    changePoints: [],
  };

  it('gives every layer the same time axis', () => {
    const axes = layersOf(caseChartSpec(data)).flatMap((layer) => (layer.encoding?.x ? [(layer.encoding.x as { axis?: unknown }).axis] : []));
    expect(axes.length).toBeGreaterThan(2);
    for (const axis of axes) expect(axis).toEqual(over(3 * MINUTE));
  });

  it('draws whole-second labels, none with milliseconds or AM/PM', async () => {
    const svg = await renderSvg(caseChartSpec(data));
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(expect.arrayContaining(['09:57:00', '09:58:30', '10:00:00']));
    expect(labels.filter((l) => /^\.\d+$|^:\d\d$| [AP]M$/.test(l ?? ''))).toEqual([]);
  });
});

describe('the stress and movers charts over a few minutes', () => {
  const at = (i: number) => new Date(END - (4 - i) * 45_000).toISOString();

  it('stress: the throughput panel labels the ticks, the p99 panel above draws the same grid without labels', () => {
    const points = [0, 1, 2, 3, 4].map((i) => ({ runId: `s${i}`, commit: null, at: at(i), p99: 2e8, throughput: 1000 + i }));
    const spec = stressChartSpec({ scenarioId: 'api/checkout', points });
    const [p99, throughput] = layersOf(spec).map((layer) => (layer.encoding?.x as { axis?: { values?: number[]; format?: string; labels?: boolean } }).axis);
    expect(throughput?.format).toBe('%H:%M:%S');
    expect(iso(throughput?.values)?.[0]).toBe('2026-12-06T09:57:00');
    expect(p99).toMatchObject({ values: throughput?.values, labels: false });
  });

  it('movers: one time axis for all the lines', () => {
    const series = [{ caseId: 'a', direction: 'lower' as const, points: [0, 1, 2, 3, 4].map((i) => ({ runId: `r${i}`, commit: null, at: at(i), median: 100 + i })) }];
    const x = layersOf(moversChartSpec({ title: 'movers', subtitle: '', series })).find((layer) => layer.name === 'movers')?.encoding?.x as { axis?: { format?: string } };
    expect(x.axis).toEqual(over(3 * MINUTE));
  });
});
