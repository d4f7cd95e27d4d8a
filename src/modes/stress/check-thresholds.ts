// Each threshold of a scenario against what the run measured. Pure.
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import type { ThresholdCheck } from './stress-stats.js';
import { parseThreshold, type Threshold } from '../../engine/suite/parse-threshold.js';
import type { Growth } from './growth-slope.js';

/** The run's numbers, in the units thresholds use. */
export interface RunMetrics {
  /** Latency at a percentile, ms (from the HDR histogram). */
  latencyAt(percentile: number): number | null;
  meanMs: number | null;
  maxMs: number | null;
  requests: number;
  errors: number;
  /** Answered requests per second. */
  throughput: number;
  heapGrowth: Growth | null;
  rssGrowth: Growth | null;
}

export interface CheckedThreshold extends ThresholdCheck {
  parsed: Threshold;
}

const MB = 1024 * 1024;

export function checkThresholds(thresholds: readonly string[], metrics: RunMetrics): CheckedThreshold[] {
  return thresholds.map((text) => {
    const parsed = parseThreshold(text);
    const { actual, unit, note } = measure(parsed, metrics);
    if (actual === null) return { threshold: text, parsed, actual, unit, passed: true, note: note ?? 'not measured' };
    const limit = displayLimit(parsed);
    return { threshold: text, parsed, actual, unit, passed: compare(actual, parsed.comparator, limit) };
  });
}

/** A threshold's limit in the unit its check reports. */
export function displayLimit(t: Threshold): number {
  if (t.metric === 'errorRate') return t.limit * 100;
  if (t.metric === 'heapGrowth' || t.metric === 'rssGrowth') return t.limit / MB;
  return t.limit;
}

function measure(t: Threshold, m: RunMetrics): { actual: number | null; unit: string; note?: string } {
  switch (t.metric) {
    case 'latency': {
      const actual = t.stat === 'mean' ? m.meanMs : t.stat === 'max' ? m.maxMs : m.latencyAt(t.stat?.percentile ?? 99);
      return actual === null ? { actual, unit: 'ms', note: 'no request was answered' } : { actual, unit: 'ms' };
    }
    case 'errorRate': {
      const total = m.requests + m.errors;
      return total === 0 ? { actual: null, unit: '%', note: 'no request was sent' } : { actual: (m.errors / total) * 100, unit: '%' };
    }
    case 'errors':
      return { actual: m.errors, unit: 'errors' };
    case 'throughput':
      return { actual: m.throughput, unit: 'req/s' };
    case 'heapGrowth':
    case 'rssGrowth': {
      const growth = t.metric === 'heapGrowth' ? m.heapGrowth : m.rssGrowth;
      return growth === null ? { actual: null, unit: 'MB/min', note: 'the run was too short after warm-up for a slope' } : { actual: growth.perMinute / MB, unit: 'MB/min' };
    }
  }
}

function compare(actual: number, comparator: Threshold['comparator'], limit: number): boolean {
  switch (comparator) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
  }
}

/** Percentiles from the encoded histogram (µs), in ms. */
export function latencyFromHistogram(encoded: string): (percentile: number) => number | null {
  if (encoded === '') return () => null;
  const histogram = decodeFromCompressedBase64(encoded);
  return (percentile) => (histogram.totalCount > 0 ? histogram.getValueAtPercentile(percentile) / 1000 : null);
}
