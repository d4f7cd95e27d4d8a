// The unit a chart's value axis speaks. Timings arrive in whatever unit the
// result was summarised in (usually ns); nobody reads "12000000 ns", so the
// axis switches to µs, ms or s by the magnitude of the typical median. The
// scale is chosen once per chart, not per value, so every tick, tooltip and
// band is in the same unit. Units that are not times are shown as they are.
import { formatDuration } from '../report/format-duration.js';

/** Nanoseconds per unit, for the time units a result may carry. */
const NS_PER: Readonly<Record<string, number>> = {
  ns: 1,
  µs: 1e3,
  us: 1e3,
  ms: 1e6,
  s: 1e9,
};

/** Display units from largest to smallest, ns per unit. */
const STEPS: readonly (readonly [string, number])[] = [
  ['s', 1e9],
  ['ms', 1e6],
  ['µs', 1e3],
  ['ns', 1],
];

export interface DisplayUnit {
  /** Axis label: `ms`, `req/s`, … */
  unit: string;
  /** Multiply a value in the data's unit by this to get it in `unit`. */
  factor: number;
  /** One value, in the data's unit, as a person reads it: "1.23 ms". */
  format: (value: number) => string;
}

/** The unit to chart `values` (all in `unit`) in; the median of them decides. */
export function displayUnit(unit: string, values: readonly number[]): DisplayUnit {
  const nsPer = NS_PER[unit];
  if (nsPer === undefined) return { unit, factor: 1, format: (value) => `${formatNumber(value)} ${unit}` };
  const typical = Math.abs(middleOf(values)) * nsPer; // ns
  const [shown, nsPerShown] = STEPS.find(([, scale]) => typical >= scale) ?? ['ns', 1];
  return { unit: shown, factor: nsPer / nsPerShown, format: (value) => formatDuration(value * nsPer) };
}

function middleOf(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return 0;
  return finite[Math.floor(finite.length / 2)] ?? 0;
}

/** Three significant digits, no exponent for the sizes a lab sees. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}
