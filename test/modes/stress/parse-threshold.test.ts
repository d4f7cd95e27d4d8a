import { describe, expect, it } from 'vitest';
import { parseThreshold } from '../../../src/engine/suite/parse-threshold.js';
import { parseDuration } from '../../../src/engine/suite/parse-duration.js';

const MB = 1024 * 1024;

describe('parseThreshold', () => {
  it.each([
    ['p99 < 200ms', { metric: 'latency', stat: { percentile: 99 }, comparator: '<', limit: 200 }],
    ['p50<=1.5s', { metric: 'latency', stat: { percentile: 50 }, comparator: '<=', limit: 1500 }],
    ['p999 < 800us', { metric: 'latency', stat: { percentile: 99.9 }, comparator: '<', limit: 0.8 }],
    ['p(99.99) < 2s', { metric: 'latency', stat: { percentile: 99.99 }, comparator: '<', limit: 2000 }],
    // k6 habit: a latency without a unit is in ms.
    ['p(95) < 200', { metric: 'latency', stat: { percentile: 95 }, comparator: '<', limit: 200 }],
    ['mean < 20ms', { metric: 'latency', stat: 'mean', comparator: '<', limit: 20 }],
    ['max < 1s', { metric: 'latency', stat: 'max', comparator: '<', limit: 1000 }],
    ['errors < 0.1%', { metric: 'errorRate', comparator: '<', limit: 0.001 }],
    ['errors <= 3', { metric: 'errors', comparator: '<=', limit: 3 }],
    ['throughput > 500/s', { metric: 'throughput', comparator: '>', limit: 500 }],
    ['rps >= 100', { metric: 'throughput', comparator: '>=', limit: 100 }],
    ['heapGrowth < 5MB/min', { metric: 'heapGrowth', comparator: '<', limit: 5 * MB }],
    ['rssGrowth < 100KB/s', { metric: 'rssGrowth', comparator: '<', limit: 100 * 1024 * 60 }],
  ])('reads %j', (text, expected) => {
    expect(parseThreshold(text)).toEqual({ text, ...expected });
  });

  it.each([
    ['', 'expected "<metric> <comparator> <value>"'],
    ['p99 <', 'expected "<metric> <comparator> <value>"'],
    ['p99 = 200ms', 'one of <, <=, >, >='],
    ['latency is fine', 'expected "<metric> <comparator> <value>"'],
    ['p99 < fast', '"fast" is not a number'],
    ['p99 < 2 parsecs', '"parsecs" is not a latency unit'],
    ['p100 < 1s', 'unknown metric "p100"'],
    ['cpu < 50%', 'unknown metric "cpu"'],
    ['errors < 150%', 'at most 100%'],
    ['errors < 3ms', 'a percentage'],
    ['throughput > 5ms', 'requests per second'],
    ['heapGrowth < 5MB', 'not a growth rate'],
  ])('refuses %j, saying why', (text, reason) => {
    expect(() => parseThreshold(text)).toThrow(reason);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['3s', 3000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    [250, 250],
  ] as const)('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['soon', '30', '-1s', '0s', ''])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });
});
