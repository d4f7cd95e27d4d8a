// What the load generator writes down, and nothing else: each answered
// request's latency in an HDR histogram (µs, 3 significant digits), each
// failed request's kind. A second histogram holds only the current second,
// for live progress. Statistics are computed afterwards (`summarizeLatency`).
import { build, type Histogram } from 'hdr-histogram-js';

/** 1 µs … 1 h: anything slower is recorded as 1 h. */
const HIGHEST_US = 3_600_000_000;

export interface LiveWindow {
  /** Requests completed (answered or failed) in the window, per second. */
  rate: number;
  /** p99 latency of the window's answered requests, ms; null when none. */
  p99Ms: number | null;
  /** Failed requests in the window. */
  errors: number;
}

export function newHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3, autoResize: false });
}

export class LatencyRecorder {
  readonly total = newHistogram();
  readonly errors: Record<string, number> = {};
  #window = newHistogram();
  #windowErrors = 0;
  #windowStart = performance.now();

  /** An answered request that took `ms` from its intended send time. */
  ok(ms: number): void {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
    this.total.recordValue(us);
    this.#window.recordValue(us);
  }

  /** A failed request, by kind (`ECONNREFUSED`, `http-503`, `timeout`, `overload`, `TypeError` …). */
  failed(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    this.#windowErrors++;
  }

  get errorCount(): number {
    return Object.values(this.errors).reduce((a, b) => a + b, 0);
  }

  /** The window since the last call, then a fresh window. */
  takeWindow(): LiveWindow {
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - this.#windowStart) / 1000);
    const count = this.#window.totalCount;
    const live = { rate: (count + this.#windowErrors) / seconds, p99Ms: count > 0 ? this.#window.getValueAtPercentile(99) / 1000 : null, errors: this.#windowErrors };
    this.#window.reset();
    this.#windowErrors = 0;
    this.#windowStart = now;
    return live;
  }
}
