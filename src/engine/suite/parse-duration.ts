// Durations as people write them in suites, on the command line and in
// Slack: `500ms`, `3s`, `1.5s`, `2m`, `1h`, or a number of milliseconds.

const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Milliseconds, or a `RangeError` whose message says what a duration looks like. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return value;
    throw new RangeError(`a duration must be a positive number of milliseconds, got ${value}`);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(String(value));
  const scale = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || scale === undefined) throw new RangeError(`"${String(value)}" is not a duration (use e.g. 500ms, 3s, 2m)`);
  const ms = Number(m[1]) * scale;
  if (!(ms > 0)) throw new RangeError(`"${value}" is not a positive duration`);
  return ms;
}
