// Screening (DESIGN §5): is one new run's median far enough from the baseline
// window of per-run medians to be worth confirming? Cheap, run on every
// result; a suspect is not an alert until `decidePairedConfirmation` says so.
import { median } from 'simple-statistics';
import type { Direction } from '../model.js';
import { formatMeasure } from '../report/format-measure.js';
import { robustCv } from './robust-noise.js';
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
  /** The unit of the values, for the reason ('ns' prints as 3.26 ms, as the result table does). Default 'ns'. */
  unit?: string;
  /** Why the threshold is what it is, when the caller raised it; said in the reason. */
  thresholdNote?: string;
  direction: Direction;
}

/**
 * `limit` is the |delta| the run needed to be suspect: max(gate, zLimit × noise)
 * when z is used, else gate; at most capLimit while the cap applies.
 * `noise` is the relative run-to-run noise the screen assumed.
 */
export type ScreenOutcome =
  | { suspect: false; z: number | null; delta: number; gate: number; limit: number; noise: number; reason: string }
  | { suspect: true; direction: 'worse' | 'better'; z: number | null; delta: number; gate: number; limit: number; noise: number; reason: string };

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
 * Screens `current` (one run's median, or the median of a few) against
 * `window` (earlier runs' medians).
 *
 * - delta = current / median(window) − 1.
 * - noise = robustCv(window) (1.4826 · MAD / median) for a window of at
 *   least `minWindow` runs, else `fallbackCv`.
 * - z = delta / noise, a robust z-score. It is `null` when the window has
 *   fewer than `minWindow` runs or no spread (MAD 0): the magnitude gate
 *   alone decides then, which for MAD 0 is the same as z = ±Infinity.
 * - gate = max(threshold, 2 × noise): a case never alarms on a change
 *   smaller than twice its own noise.
 * - suspect iff |delta| ≥ gate and (z is null or |z| ≥ zLimit), or
 *   |delta| ≥ capLimit.
 *
 * A 3-run window's MAD is on average 1/1.49 of the true spread (the
 * median's own deviation is 0), so its z is inflated; correcting for that,
 * or flooring the noise at the screened runs' own spread, was simulated
 * (docs/benchmarks.md, 2026-12-06 "screen on a 3-run window") and cost
 * about as many real +3% and +5% suspects as it saved A/A ones: the
 * threshold cap decides most of it, and confirmation is where noise is told
 * from change.
 *
 * @throws RangeError on an empty window, non-finite values, a window median
 *   ≤ 0 (no relative change) or invalid options.
 */
export function screen(current: number, window: readonly number[], options: ScreenOptions): ScreenOutcome {
  const { threshold, zLimit, minWindow, fallbackCv, direction } = resolveScreenOptions(options);
  if (!Number.isFinite(current)) throw new RangeError(`current must be finite, got ${current}`);
  const values = toFiniteArray(window, 'window');
  const centre = median(values);
  if (!(centre > 0)) throw new RangeError(`window median must be > 0 for a relative change, got ${centre}`);

  const delta = current / centre - 1;
  const longEnough = values.length >= minWindow;
  const noise = longEnough ? robustCv(values) : fallbackCv;
  const z = longEnough && noise > 0 ? delta / noise : null;
  const gate = Math.max(threshold, 2 * noise);
  const capLimit = options.capLimit ?? Number.POSITIVE_INFINITY;

  const uncapped = z === null ? gate : Math.max(gate, zLimit * noise);
  const limit = Math.min(capLimit, uncapped);
  const capped = Math.abs(delta) >= capLimit;
  const bigEnough = Math.abs(delta) >= gate;
  const farEnough = z === null || Math.abs(z) >= zLimit;
  const moved = describeMove(current, centre, values.length, options.unit ?? 'ns');
  const noiseFrom = longEnough ? "the window's spread" : 'this run’s own, the window being too short';
  const zText = z !== null ? `; robust z ${z.toFixed(1)}, needs ${zLimit}` : longEnough ? '; z not used: the window has no spread' : '';
  const thresholdText = options.thresholdNote ? `${pct(threshold)} (${options.thresholdNote})` : pct(threshold);
  const uncappedText =
    z !== null && zLimit > 2
      ? `the largest of ${thresholdText}, twice and ${zLimit} × the noise of ${pct(noise)} (${noiseFrom})`
      : `the larger of ${thresholdText} and twice the noise of ${pct(noise)} (${noiseFrom})`;
  const limitText =
    capLimit < uncapped
      ? `the limit is ${pct(limit)}, a cap: ${uncappedText} would be ${pct(uncapped)}, but a change of ${pct(capLimit)} or more goes to confirmation however noisy the window${zText}`
      : `the limit is ${pct(limit)}, ${uncappedText}${zText}`;

  if (!(bigEnough && farEnough) && !capped) {
    return { suspect: false, z, delta, gate, limit, noise, reason: `Run median ${moved}, within the limit (${limitText}).` };
  }
  const worse = direction === 'lower' ? delta > 0 : delta < 0;
  return {
    suspect: true,
    direction: worse ? 'worse' : 'better',
    z,
    delta,
    gate,
    limit,
    noise,
    reason: `Run median ${moved}, ${worse ? 'worse' : 'better'} beyond the limit (${limitText}): suspect, to be confirmed.`,
  };
}

/** "3.46 ms is 4.8% below the median 3.63 ms of 10 earlier runs". */
export function describeMove(current: number, centre: number, runs: number, unit: string): string {
  const delta = current / centre - 1;
  return `${formatMeasure(current, unit)} is ${pct(Math.abs(delta))} ${delta >= 0 ? 'above' : 'below'} the median ${formatMeasure(centre, unit)} of ${runs} earlier run${runs === 1 ? '' : 's'}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
