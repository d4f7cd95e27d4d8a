// Options every full-size chart takes, resolved once with their defaults.
import { DEFAULT_MAX_POINTS } from './downsample.js';

export interface ChartOptions {
  /** Width of the whole picture, px, axes and legend included. Default 900: Slack's preview width, still readable as a thumbnail. */
  width?: number;
  /** Height of the whole picture, px. Default 460 (a two-panel stress chart splits it). */
  height?: number;
  /** Most runs drawn; longer histories are downsampled, keeping the runs that matter (`downsample`). Default 1500. */
  maxPoints?: number;
}

export interface ResolvedChartOptions {
  width: number;
  height: number;
  maxPoints: number;
}

const DEFAULTS: ResolvedChartOptions = { width: 900, height: 460, maxPoints: DEFAULT_MAX_POINTS };

/** Defaults filled in; a size that is not a positive number is refused here, not deep inside vega. */
export function resolveChartOptions(options: ChartOptions = {}): ResolvedChartOptions {
  const resolved = { ...DEFAULTS };
  for (const key of ['width', 'height', 'maxPoints'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    // maxPoints may be Infinity: "never downsample".
    const ok = key === 'maxPoints' ? value >= 2 : Number.isFinite(value) && value >= 50;
    if (!ok || Number.isNaN(value)) throw new RangeError(`chart option ${key} must be ${key === 'maxPoints' ? 'at least 2' : 'a number of pixels ≥ 50'}, got ${value}`);
    resolved[key] = value;
  }
  return resolved;
}

/** Plot area for a picture of `width` × `height`: vega-lite's `fit` sizing then makes the whole picture that size. */
export function sizeOf(options: ResolvedChartOptions): { width: number; height: number; autosize: { type: 'fit'; contains: 'padding' } } {
  return { width: options.width, height: options.height, autosize: { type: 'fit', contains: 'padding' } };
}
