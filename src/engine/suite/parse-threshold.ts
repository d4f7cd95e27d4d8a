// Stress thresholds as people write them (DESIGN §6, k6 style):
//   'p99 < 200ms'   'p(99.9) <= 1s'   'mean < 20ms'   'max < 2s'
//   'errors < 0.1%' (share of requests)   'errors <= 3' (a count)
//   'throughput > 500/s'   'heapGrowth < 5MB/min'   'rssGrowth < 20MB/min'
// Pure: a string in, a `Threshold` or a `ThresholdParseError` that says what
// is wrong and what would be right.
import { ErrorCode, PerflabError } from '../errors.js';

export type Comparator = '<' | '<=' | '>' | '>=';

export type ThresholdMetric =
  /** Latency at a percentile (`percentile` set), or the mean or max; ms. */
  | 'latency'
  /** Failed requests / all requests, as a fraction (0.001 = 0.1%). */
  | 'errorRate'
  /** Failed requests, counted. */
  | 'errors'
  /** Completed requests per second. */
  | 'throughput'
  /** Heap after GC, slope after warm-up; bytes per minute. */
  | 'heapGrowth'
  /** Resident set size, slope after warm-up; bytes per minute. */
  | 'rssGrowth';

export interface Threshold {
  /** As written in the suite, for messages. */
  text: string;
  metric: ThresholdMetric;
  /** For latency: which statistic. */
  stat?: { percentile: number } | 'mean' | 'max';
  comparator: Comparator;
  /** In the metric's canonical unit: ms, fraction, count, requests/s, bytes/min. */
  limit: number;
}

export class ThresholdParseError extends PerflabError {
  constructor(text: string, reason: string) {
    super(ErrorCode.SuiteInvalid, `cannot read threshold "${text}": ${reason}`);
    this.name = 'ThresholdParseError';
  }
}

const SHAPE = /^\s*([A-Za-z][\w.()]*)\s*(<=|>=|<|>)\s*(\S.*?)\s*$/;
const NUMBER = /^(\d+(?:\.\d+)?|\.\d+)\s*(.*)$/;
const LATENCY_UNITS: Record<string, number> = { '': 1, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000 };
const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const PER: Record<string, number> = { s: 60, sec: 60, min: 1, m: 1, h: 1 / 60 };
const METRICS = 'p50, p90, p99, p(99.9), mean, max, errors, throughput, heapGrowth, rssGrowth';

export function parseThreshold(text: string): Threshold {
  if (typeof text !== 'string' || text.trim() === '') throw new ThresholdParseError(String(text), `expected "<metric> <comparator> <value>", like "p99 < 200ms"`);
  const shape = SHAPE.exec(text);
  if (!shape) throw new ThresholdParseError(text, 'expected "<metric> <comparator> <value>" with one of <, <=, >, >=, like "p99 < 200ms"');
  const [, name = '', comparator = '<', rawValue = ''] = shape;
  const number = NUMBER.exec(rawValue);
  if (!number) throw new ThresholdParseError(text, `"${rawValue}" is not a number with a unit`);
  const value = Number(number[1]);
  const unit = (number[2] ?? '').trim();
  const base = { text, comparator: comparator as Comparator };

  const percentile = percentileOf(name);
  if (percentile !== undefined || name === 'mean' || name === 'max') {
    const scale = LATENCY_UNITS[unit];
    if (scale === undefined) throw new ThresholdParseError(text, `"${unit}" is not a latency unit (use ms, s or µs)`);
    return { ...base, metric: 'latency', stat: percentile !== undefined ? { percentile } : (name as 'mean' | 'max'), limit: value * scale };
  }
  switch (name) {
    case 'errors':
      if (unit === '%') {
        if (value > 100) throw new ThresholdParseError(text, 'a share of errors is at most 100%');
        return { ...base, metric: 'errorRate', limit: value / 100 };
      }
      if (unit !== '') throw new ThresholdParseError(text, `errors take a percentage ("errors < 0.1%") or a count ("errors <= 3"), not "${unit}"`);
      return { ...base, metric: 'errors', limit: value };
    case 'throughput':
    case 'rps':
      if (unit !== '' && unit !== '/s') throw new ThresholdParseError(text, `throughput is in requests per second ("throughput > 500/s"), not "${unit}"`);
      return { ...base, metric: 'throughput', limit: value };
    case 'heapGrowth':
    case 'rssGrowth':
      return { ...base, metric: name, limit: value * growthScale(text, unit) };
    default:
      throw new ThresholdParseError(text, `unknown metric "${name}" (known: ${METRICS})`);
  }
}

/** `p99` → 99, `p999` → 99.9, `p(99.9)` → 99.9; undefined when `name` is not a percentile. */
function percentileOf(name: string): number | undefined {
  const m = /^p(?:\((\d+(?:\.\d+)?)\)|(\d+))$/.exec(name);
  if (!m) return undefined;
  // p999 reads as 99.9 and p9999 as 99.99 (HDR habit); p100 means nothing (use max).
  const digits = m[2] ?? '';
  const p = m[1] !== undefined ? Number(m[1]) : digits.length <= 2 ? Number(digits) : digits.startsWith('99') ? Number(`99.${digits.slice(2)}`) : NaN;
  return p > 0 && p <= 100 ? p : undefined;
}

/** `5MB/min` → bytes per minute for 1 unit. */
function growthScale(text: string, unit: string): number {
  const m = /^([kmg]?b)\/(s|sec|min|m|h)$/i.exec(unit);
  const bytes = m ? BYTE_UNITS[m[1]!.toLowerCase()] : undefined;
  const per = m ? PER[m[2]!.toLowerCase()] : undefined;
  if (bytes === undefined || per === undefined) throw new ThresholdParseError(text, `"${unit}" is not a growth rate (use e.g. 5MB/min, 100KB/s)`);
  return bytes * per;
}
