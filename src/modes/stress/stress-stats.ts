// What a stress scenario did (DESIGN §6): its verdict, load, errors, growth,
// thresholds and per-second samples. A stress result carries it as `stress`.

/** How a stress scenario ended (DESIGN §6). Every verdict but `passed` is also a `Finding`. */
export type StressVerdict = 'passed' | 'threshold-failed' | 'crashed' | 'hung' | 'leaking' | 'errored';

/** One second of a stress worker's life (sampled inside the worker). */
export interface StressSample {
  /** Since the load started, ms. */
  atMs: number;
  /** Used heap plus external memory (Buffers) of the worker's isolate after a full GC, bytes. */
  heapBytes: number;
  /** Resident set size of the whole process, bytes. */
  rssBytes: number;
  /** Event-loop delay over the second, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Event-loop utilization over the second, 0…1. */
  elu: number;
  /** GC pauses over the second, not counting the sampler's own full GC, ms. */
  gcPauseMs: number;
  gcMaxPauseMs: number;
  /** Active handles and requests (sockets, timers, servers). */
  handles: number;
}

/** A threshold of a stress scenario, checked. */
export interface ThresholdCheck {
  /** As written: `p99 < 200ms`. */
  threshold: string;
  /** The measured value in the threshold's unit (ms, %, count, req/s, MB/min); null when the run could not tell. */
  actual: number | null;
  unit: string;
  passed: boolean;
  /** Set when a threshold could not be judged, e.g. a run too short for a slope. */
  note?: string;
}

/** What a stress scenario did, beside its latency `Summary`. */
export interface StressStats {
  verdict: StressVerdict;
  /** `closed ×32`, `open 100→2000/s`. */
  load: string;
  /** The URL loaded, or `function`. */
  target: string;
  /** How long the load ran, ms. */
  durationMs: number;
  /** Answered requests. */
  requests: number;
  /** Answered requests per second. */
  throughput: number;
  errors: number;
  /** errors / (answered + errors); 0…1. */
  errorRate: number;
  errorsByKind: Record<string, number>;
  /** Latency at p99.9, ns. */
  p999: number;
  /** Slopes after warm-up, bytes per minute; null when the run was too short to tell. */
  heapGrowthPerMin: number | null;
  rssGrowthPerMin: number | null;
  thresholds: ThresholdCheck[];
  /** Per-second process samples of the load. */
  samples: StressSample[];
}

declare module '../../engine/model/result.js' {
  interface ModeResultDetail {
    /** Set on a stress scenario's own result. */
    stress: StressStats;
  }
}
