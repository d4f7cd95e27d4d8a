// A measured value in its unit, for people: durations (ns, µs, ms, s) as
// durations, anything else (req/s, %) as a number and its unit.
import { formatDuration } from './format-duration.js';

/** Nanoseconds per unit for the time units a summary may carry. */
const NS_PER: Record<string, number> = { ns: 1, µs: 1e3, us: 1e3, ms: 1e6, s: 1e9 };

export function formatMeasure(value: number | undefined, unit: string | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const scale = NS_PER[unit ?? 'ns'];
  if (scale !== undefined) return formatDuration(value * scale);
  return `${value.toPrecision(Math.abs(value) >= 100 ? 4 : 3)} ${unit ?? ''}`.trim();
}
