// Durations for people: 1.23 µs, 45.6 ms, 2.01 s.
const STEPS: [number, string][] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const [scale, unit] = STEPS.find(([s]) => Math.abs(ns) >= s) ?? [1, 'ns'];
  const value = ns / scale;
  return `${value.toPrecision(value >= 100 ? 4 : 3)} ${unit}`;
}

/** `+5.2%` for a ratio of 1.052. */
export function formatRatio(ratio: number): string {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}
