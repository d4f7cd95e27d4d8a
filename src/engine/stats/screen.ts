// Screening (DESIGN §5): is one new run's median far enough from the baseline
// window of per-run medians to be worth confirming? Cheap, run on every
// result; a suspect is not an alert until `decidePairedConfirmation` says so.
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { Direction } from '../model.js';
import { MAD_TO_SD, robustCv } from './robust-noise.js';
import { toFiniteArray } from './to-finite-array.js';

export interface ScreenOptions {
  /** Smallest relative change worth reporting, e.g. 0.03 for 3%. */
  threshold: number;
  /** default 3.5 */
  zLimit?: number;
  /** window size below which z is not used, default 3 */
  minWindow?: number;
  /** noise to use when the window is too short, e.g. the run's own within-run cv */
  fallbackCv: number;
  /**
   * Never ask for more than this |delta|, however noisy the window: a run
   * this far off is suspect even when the window's noise would excuse it.
   * Default Infinity (the window's noise decides alone).
   */
  capLimit?: number;
  direction: Direction;
}

/**
 * `limit` is the |delta| the run needed to be suspect: max(gate, zLimit × noise)
 * when z is used, else gate.
 */
export type ScreenOutcome =
  | { suspect: false; z: number | null; delta: number; gate: number; limit: number; reason: string }
  | { suspect: true; direction: 'worse' | 'better'; z: number | null; delta: number; gate: number; limit: number; reason: string };

interface ResolvedScreenOptions {
  capLimit: number;
  threshold: number;
  zLimit: number;
  minWindow: number;
  fallbackCv: number;
  direction: Direction;
}

function resolveScreenOptions(options: ScreenOptions): ResolvedScreenOptions {
  const resolved: ResolvedScreenOptions = {
    capLimit: options.capLimit ?? Number.POSITIVE_INFINITY,
    threshold: options.threshold,
    zLimit: options.zLimit ?? 3.5,
    minWindow: options.minWindow ?? 3,
    fallbackCv: options.fallbackCv,
    direction: options.direction,
  };
  if (!(resolved.threshold > 0 && Number.isFinite(resolved.threshold))) {
    throw new RangeError(`threshold must be a finite number > 0, got ${resolved.threshold}`);
  }
  if (!(resolved.capLimit > 0)) throw new RangeError(`capLimit must be > 0, got ${resolved.capLimit}`);
  if (!(resolved.zLimit > 0)) throw new RangeError(`zLimit must be > 0, got ${resolved.zLimit}`);
  if (!Number.isInteger(resolved.minWindow) || resolved.minWindow < 2) {
    throw new RangeError(`minWindow must be an integer ≥ 2, got ${resolved.minWindow}`);
  }
  if (!(resolved.fallbackCv >= 0 && Number.isFinite(resolved.fallbackCv))) {
    throw new RangeError(`fallbackCv must be a finite number ≥ 0, got ${resolved.fallbackCv}`);
  }
  return resolved;
}

/**
 * Screens `current` (one run's median) against `window` (earlier runs' medians).
 *
 * - delta = current / median(window) − 1.
 * - z = (current − median) / (1.4826 · MAD), a robust z-score. It is `null`
 *   when the window has fewer than `minWindow` runs (too few to estimate a
 *   spread) or when MAD = 0 (most runs identical: any difference is infinitely
 *   many MADs away). Either way `null` means "the magnitude gate alone decides",
 *   which for MAD = 0 is the same as z = ±Infinity.
 * - gate = max(threshold, 2 × noise), noise = robustCv(window) for a window of
 *   at least `minWindow` runs, else `fallbackCv`: a case never alarms on a
 *   change smaller than twice its own noise.
 * - suspect iff |delta| ≥ gate and (z is null or |z| ≥ zLimit), or
 *   |delta| ≥ capLimit.
 *
 * @throws RangeError on an empty window, non-finite values, a window median
 *   ≤ 0 (no relative change) or invalid options.
 */
export function screen(current: number, window: readonly number[], options: ScreenOptions): ScreenOutcome {
  const { threshold, zLimit, minWindow, fallbackCv, direction, capLimit } = resolveScreenOptions(options);
  if (!Number.isFinite(current)) throw new RangeError(`current must be finite, got ${current}`);
  const runs = toFiniteArray(window, 'window');
  const centre = median(runs);
  if (!(centre > 0)) throw new RangeError(`window median must be > 0 for a relative change, got ${centre}`);

  const delta = current / centre - 1;
  const longEnough = runs.length >= minWindow;
  const mad = medianAbsoluteDeviation(runs);
  const z = longEnough && mad > 0 ? (current - centre) / (MAD_TO_SD * mad) : null;
  const noise = longEnough ? robustCv(runs) : fallbackCv;
  const gate = Math.max(threshold, 2 * noise);

  const limit = Math.min(capLimit, z === null ? gate : Math.max(gate, zLimit * noise));
  const capped = Math.abs(delta) >= capLimit;
  const bigEnough = Math.abs(delta) >= gate;
  const farEnough = z === null || Math.abs(z) >= zLimit;
  const moved = `${fmt(current)} is ${pct(Math.abs(delta))} ${delta >= 0 ? 'above' : 'below'} the window median ${fmt(centre)}`;
  const zText =
    z !== null
      ? `robust z ${z.toFixed(1)} (limit ${zLimit})`
      : longEnough
        ? 'z not used: the window has no spread (MAD 0)'
        : `z not used: only ${runs.length} run(s) in the window, below ${minWindow}`;
  const gateText = `gate ${pct(gate)} = max(threshold ${pct(threshold)}, 2 × noise ${pct(noise)})${Number.isFinite(capLimit) ? `, capped at ${pct(capLimit)}` : ''}`;

  if (!(bigEnough && farEnough) && !capped) {
    const why = !bigEnough ? 'within the gate' : 'not far enough from the window';
    return { suspect: false, z, delta, gate, limit, reason: `Run median ${moved}, ${why} (${gateText}; ${zText}).` };
  }
  const worse = direction === 'lower' ? delta > 0 : delta < 0;
  return {
    suspect: true,
    direction: worse ? 'worse' : 'better',
    z,
    delta,
    gate,
    limit,
    reason: `Run median ${moved}, ${worse ? 'worse' : 'better'} beyond the gate (${gateText}; ${zText}): suspect, to be confirmed.`,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
