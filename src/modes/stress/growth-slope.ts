// Memory growth of a stress run: the Theil–Sen slope (median of the slopes
// between every pair of samples) after warm-up. One GC hiccup or one late
// sample moves a least-squares line; it barely moves the median of pairs.
import { median } from 'simple-statistics';
import type { StressSample } from './stress-stats.js';

/** A slope needs at least this many samples after warm-up. */
export const MIN_SLOPE_SAMPLES = 3;
/**
 * Growth over the judged window below this is within GC noise (heap after a
 * full GC still moves by ~100 KB between seconds): no leak verdict on it,
 * whatever the slope. Short runs therefore only catch fast leaks.
 */
export const MIN_LEAK_GROWTH_BYTES = 1024 * 1024;

export interface Growth {
  /** Bytes per minute. */
  perMinute: number;
  /** Fitted growth over the judged window, bytes. */
  overWindow: number;
  /** Samples the slope rests on. */
  samples: number;
}

/** Slope of `field` over the samples at or after `warmupMs`; null with fewer than `MIN_SLOPE_SAMPLES`. */
export function growthSlope(samples: readonly StressSample[], field: 'heapBytes' | 'rssBytes', warmupMs: number): Growth | null {
  const points = samples.filter((s) => s.atMs >= warmupMs).map((s) => [s.atMs / 60_000, s[field]] as const);
  if (points.length < MIN_SLOPE_SAMPLES) return null;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [ti, vi] = points[i]!;
      const [tj, vj] = points[j]!;
      if (tj > ti) slopes.push((vj - vi) / (tj - ti));
    }
  }
  if (slopes.length === 0) return null;
  const perMinute = median(slopes);
  const span = points[points.length - 1]![0] - points[0]![0];
  return { perMinute, overWindow: perMinute * span, samples: points.length };
}
