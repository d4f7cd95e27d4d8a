// What a chart is drawn from. These types are the chart stage's own: callers
// (the store, a page, an alert thread) map their records into them, so a
// change in how history is stored never reaches the drawing code.
import type { Verdict } from '../model.js';

/** One run of one case: a point on the trend line. */
export interface ChartPoint {
  runId: string;
  commit: string | null;
  /** When the run was recorded, ISO 8601 (UTC). */
  at: string;
  /** Median per run, in `CaseChartData.unit`. */
  median: number;
  /** Lower edge of the run's noise band, same unit; no band is drawn where it is missing. */
  low?: number;
  /** Upper edge of the run's noise band, same unit. */
  high?: number;
  verdict?: Verdict;
  author?: string;
}

/** An accepted baseline: the trend's reference level from `at` on. */
export interface ChartBaseline {
  /** When it was accepted, ISO 8601; the step starts here. */
  at: string;
  /** The accepted median, in `CaseChartData.unit`. */
  median: number;
  acceptedBy: string;
  commit: string | null;
}

export interface ChartAlert {
  at: string;
  /** The run that raised it; its point carries the mark. */
  runId: string;
  /** `regression`, `improvement`, `drift`, … (unknown kinds are drawn grey). */
  kind: string;
  /** `open`, `accepted`, … shown in the tooltip only. */
  state: string;
}

/** Where the change-point pass found the level moved, and by how much. */
export interface ChartChangePoint {
  /** First run of the new level, ISO 8601. */
  at: string;
  commit: string | null;
  /** New level / old level: 1.058 is drawn "+5.8%". */
  ratio: number;
}

/** Everything the per-case trend chart shows. */
export interface CaseChartData {
  caseId: string;
  /** Unit of every `median`, `low` and `high` (`ns`, `ms`, `req/s`, …). */
  unit: string;
  /** Which way is better. */
  direction: 'lower' | 'higher';
  points: ChartPoint[];
  baselines: ChartBaseline[];
  alerts: ChartAlert[];
  changePoints: ChartChangePoint[];
}

/** One stress run of one scenario. */
export interface StressChartPoint {
  runId: string;
  commit: string | null;
  at: string;
  /** Latency at p99, ns; null when the run could not tell (it errored, or answered nothing). */
  p99: number | null;
  /** Answered requests per second; null when the run could not tell. */
  throughput: number | null;
  verdict?: Verdict;
}

export interface StressChartData {
  scenarioId: string;
  points: StressChartPoint[];
  /** Limits from the scenario's thresholds, drawn as dashed rules when present. */
  limits?: {
    /** ns */
    p99?: number;
    /** req/s */
    throughput?: number;
  };
}

/** One fuzz run: how many findings it opened, fixed and saw come back. */
export interface FuzzChartRun {
  runId: string;
  commit: string | null;
  at: string;
  new: number;
  fixed: number;
  regressed: number;
}

export interface FuzzChartData {
  /** A suite, a property, or the whole lab; used as the title. */
  title: string;
  runs: FuzzChartRun[];
}
