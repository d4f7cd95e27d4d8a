// Case histories as `Store.history` returns them, made up: evenly spaced runs
// up to `now`, lognormal run-to-run noise from a seeded generator, and steps
// planted at chosen times.
import type { HistoryEntry } from '../../../src/engine/store/store.js';
import { mulberry32, normals } from '../stats/seeded-random.js';

export const HOUR = 3_600_000; // ms
export const DAY = 24 * HOUR;

export interface SyntheticHistory {
  /** The last run is at `now` − `spacing`. */
  now: number;
  days: number;
  /** Time between runs, ms; default one hour. */
  spacing?: number;
  /** Relative run-to-run noise (≈ CV); default 0.02. */
  noise?: number;
  seed?: number;
  centre?: number;
  /** Each run after `now − ago` is multiplied by `factor`. */
  steps?: readonly { ago: number; factor: number }[];
}

export function syntheticHistory(spec: SyntheticHistory): HistoryEntry[] {
  const spacing = spec.spacing ?? HOUR;
  const noise = spec.noise ?? 0.02;
  const normal = normals(mulberry32(spec.seed ?? 1));
  const count = Math.floor((spec.days * DAY) / spacing);
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const ms = spec.now - (count - i) * spacing;
    let median = (spec.centre ?? 1000) * Math.exp(noise * normal());
    for (const step of spec.steps ?? []) if (ms > spec.now - step.ago) median *= step.factor;
    entries.push({
      runId: `r${String(i).padStart(6, '0')}`,
      commit: commitOf(i),
      machine: 'test-box',
      at: new Date(ms).toISOString(),
      state: 'ok',
      median,
      cv: 0.01,
      n: 100,
      unit: 'ns',
      inWindow: true,
    });
  }
  return entries;
}

/** A fake 40-hex SHA per run number. */
export function commitOf(i: number): string {
  return i.toString(16).padStart(40, '0');
}
