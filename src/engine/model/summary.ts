// What one case's samples in one run come to, and what a command's process did.

import type { Direction } from './mode.js';

/** Robust and classic summary of one case's samples in one run. */
export interface Summary {
  n: number;
  /** Unit of every location field below, e.g. `ns` per operation. */
  unit: string;
  direction: Direction;
  median: number;
  /** Median absolute deviation (raw, not scaled by 1.4826). */
  mad: number;
  mean: number;
  /** Coefficient of variation: standard deviation / mean. */
  cv: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/** What a command case's process did, beside the timed samples. */
export interface ProcessStats {
  /** Median over executions of wall time of the whole process. */
  wallNs: number;
  /** Median over executions of user CPU time, ms. */
  userMs: number;
  /** Median over executions of system CPU time, ms. */
  sysMs: number;
  /** Largest resident set size seen in any execution, bytes. */
  peakRssBytes: number;
  /** How many times the program was executed. */
  executions: number;
  /** True when the program's own start/end events bounded the samples. */
  regionMarked: boolean;
}
