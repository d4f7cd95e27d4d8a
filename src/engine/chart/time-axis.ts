// The time axis by the span a chart covers. Vega's own multi-format mixes
// styles from one tick to the next ("09:57", ":20", "10 AM", "Sat 05") and,
// over a few seconds, shows milliseconds (".500"). Runs are seconds to weeks
// apart, so the axis takes one tick step and one label format for the span.
import type { Layer } from './case-chart-layers.js';

type TimeInterval = 'second' | 'minute' | 'hour' | 'day' | 'week';

/** Tick steps, finest first: the first that gives few enough ticks wins. */
const STEPS: readonly (readonly [TimeInterval, number])[] = [
  ['second', 1], ['second', 5], ['second', 15], ['second', 30],
  ['minute', 1], ['minute', 2], ['minute', 5], ['minute', 10], ['minute', 15], ['minute', 30],
  ['hour', 1], ['hour', 2], ['hour', 3], ['hour', 6], ['hour', 12],
  ['day', 1], ['day', 2], ['week', 1], ['week', 2],
];

const MS: Record<TimeInterval, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** Room one label needs, px: at 900 px that is at most 8 ticks. */
const PX_PER_TICK = 110;

/** A time axis's vega-lite settings; empty leaves the axis to vega. */
export interface TimeAxis {
  /** The ticks, epoch ms: vega's own `tickCount: { interval, step }` breaks its SVG renderer here. */
  values?: number[];
  format?: string;
  labelOverlap?: boolean;
}

/** Weeks start on Monday; the epoch (1970-01-01) was a Thursday. */
const MONDAY = 4 * MS.day;

/**
 * Ticks and labels (UTC) for a time axis over `from`…`to` (ISO or epoch ms) drawn `width` px
 * wide: whole seconds as 09:57:30, minutes and hours as 09:57 (with the day
 * when the span crosses midnight), days and weeks as 5 Dec (with the year
 * when it crosses New Year). Spans of months are left to vega, whose month
 * and year labels read well.
 */
export function timeAxis(from: string | number, to: string | number, width: number): TimeAxis {
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  const most = Math.max(2, Math.floor(width / PX_PER_TICK));
  const step = STEPS.find(([interval, n]) => (end - start) / (MS[interval] * n) <= most);
  if (step === undefined) return {};
  const [interval, n] = step;
  const values = ticks(start, end, MS[interval] * n, interval === 'week' ? MONDAY : 0);
  const [first, last] = [new Date(start).toISOString(), new Date(end).toISOString()];
  const sameDay = first.slice(0, 10) === last.slice(0, 10);
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const format =
    interval === 'second' ? '%H:%M:%S'
    : interval === 'minute' || interval === 'hour' ? (sameDay ? '%H:%M' : '%-d %b %H:%M')
    : sameYear ? '%-d %b' : '%-d %b %Y';
  return { values, format, labelOverlap: true };
}

/** Every multiple of `step` (counted from `offset`) in start…end; the start itself when none falls there. */
function ticks(start: number, end: number, step: number, offset: number): number[] {
  const values: number[] = [];
  for (let t = Math.ceil((start - offset) / step) * step + offset; t <= end; t += step) values.push(t);
  return values.length > 0 ? values : [start];
}

/**
 * `layers` with `axis` on each one's time (x) encoding. The layers share one
 * axis; it goes on all of them, as vega-lite merges an axis set on only some
 * layers with a warning (and vega cannot take a tick interval from config).
 */
export function onTimeAxis(axis: TimeAxis, layers: readonly Layer[]): Layer[] {
  return layers.map((layer) => {
    const encoding = 'encoding' in layer ? (layer.encoding as Record<string, object> | undefined) : undefined;
    return encoding?.x ? ({ ...layer, encoding: { ...encoding, x: { ...encoding.x, axis } } } as Layer) : layer;
  });
}
