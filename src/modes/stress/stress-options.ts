// A scenario's options resolved once, with every default in one place.
import { parseDuration } from '../../engine/suite/parse-duration.js';
import type { ClosedLoad, OpenLoad, StressCase } from '../../engine/suite/stress-schema.js';

export const STRESS_DEFAULTS = {
  /** ms */
  durationMs: 3000,
  /** ms: no heartbeat for this long and the worker is hung */
  hangTimeoutMs: 5000,
  /** relative change of a stress metric that counts as a regression */
  regressionThreshold: 0.25,
  /** Without a `heapGrowth` threshold, heap growth above this is a leak; bytes per minute. */
  heapGrowthBudget: 10 * 1024 * 1024,
  /** ms: the shortest warm-up left out of the leak slope */
  minWarmupMs: 1000,
  /** ms: a request unanswered this long fails as `timeout` */
  requestTimeoutMs: 10_000,
  /** ms: after the load stops, requests in flight get this long */
  drainMs: 2000,
  /** WebSocket connections in the open model */
  wsConnections: 10,
  /** HTTP connections in the open model */
  httpSockets: 256,
} as const;

export type TargetKind = 'url' | 'server' | 'function';

export interface ResolvedStressOptions {
  target: TargetKind;
  load: ClosedLoad | OpenLoad;
  durationMs: number;
  /** null: a fifth of the duration, at least `minWarmupMs`. */
  warmupMs: number | null;
  hangTimeoutMs: number;
  thresholds: string[];
  regressionThreshold: number;
  allowHosts: string[];
}

export function resolveStressOptions(scenario: StressCase): ResolvedStressOptions {
  const target = scenario.target;
  return {
    target: 'url' in target ? 'url' : 'fn' in target ? 'function' : 'server',
    load: scenario.load,
    durationMs: scenario.duration !== undefined ? parseDuration(scenario.duration) : STRESS_DEFAULTS.durationMs,
    warmupMs: scenario.warmup !== undefined ? parseDuration(scenario.warmup) : null,
    hangTimeoutMs: scenario.hangTimeout !== undefined ? parseDuration(scenario.hangTimeout) : STRESS_DEFAULTS.hangTimeoutMs,
    thresholds: scenario.thresholds ?? [],
    regressionThreshold: scenario.regressionThreshold ?? STRESS_DEFAULTS.regressionThreshold,
    allowHosts: scenario.allowHosts ?? [],
  };
}

export function warmupOf(options: Pick<ResolvedStressOptions, 'warmupMs' | 'durationMs'>): number {
  return options.warmupMs ?? Math.max(STRESS_DEFAULTS.minWarmupMs, options.durationMs / 5);
}

/** `closed ×32` or `open 100→2000/s`, for tables and messages. */
export function describeLoad(load: ClosedLoad | OpenLoad): string {
  if ('concurrency' in load) return `closed ×${load.concurrency}`;
  return `open ${load.rate}${load.rampTo !== undefined && load.rampTo !== load.rate ? `→${load.rampTo}` : ''}/s`;
}
