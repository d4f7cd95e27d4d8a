// What a job tells whoever submitted it, from start to end. Each job kind
// emits its own progress and finished events; the lab adds `started`,
// `failed` and `cancelled`.
import type { Job } from '../engine/model.js';
import type { BisectOutcome } from '../engine/compare/bisect.js';
import type { CompareRefsReport } from '../modes/bench/compare-refs.js';
import type { BenchProgress, BenchReport } from '../modes/bench/run-bench.js';
import type { FuzzProgress, FuzzReport } from '../modes/fuzz/run-fuzz.js';
import type { ReplayOutcome } from './jobs/replay.js';
import type { StressProgress, StressReport } from '../modes/stress/run-stress.js';
import type { IngestedResults } from './jobs/ingest-results.js';
import type { DigestOutcome } from './jobs/digest.js';

export type JobEvent =
  | { type: 'started'; job: Job }
  | { type: 'progress'; job: Job; progress: BenchProgress }
  | { type: 'run-finished'; job: Job; report: BenchReport }
  | { type: 'compare-progress'; job: Job; caseId: string; side: 'baseline' | 'candidate'; done: number; target: number }
  | { type: 'compare-finished'; job: Job; report: CompareRefsReport }
  /** `perflab ci`: the comparison, and the run it was stored as. */
  | { type: 'ci-finished'; job: Job; report: CompareRefsReport; base: string; recorded: IngestedResults }
  /** Results a CI machine pushed, stored as a run. */
  | { type: 'results-stored'; job: Job; recorded: IngestedResults }
  | { type: 'stress-progress'; job: Job; progress: StressProgress }
  | { type: 'stress-finished'; job: Job; report: StressReport }
  | { type: 'fuzz-progress'; job: Job; progress: FuzzProgress }
  | { type: 'fuzz-finished'; job: Job; report: FuzzReport }
  | { type: 'replay-finished'; job: Job; outcome: ReplayOutcome }
  /** Stopped by `cancel`; what a run measured before it stopped is recorded, and here. */
  | { type: 'cancelled'; job: Job; by?: string; report?: BenchReport; stressReport?: StressReport; fuzzReport?: FuzzReport }
  /** `cause` is what the job threw (a `PerflabError` keeps its code for the edge that reports it). */
  | { type: 'failed'; job: Job; error: string; cause?: unknown }
  /** A watched commit that did not build: recorded with a `build-failed` alert; the job itself is done. */
  | { type: 'build-failed'; job: Job; commit: string; message: string; output: string }
  | { type: 'bisect-finished'; job: Job; outcome: BisectOutcome }
  | { type: 'digest-finished'; job: Job; outcome: DigestOutcome }

  /** Run by another process (an agent, with a shared queue): how it ended is `job.state` and `job.error`; its report is in the store, its events stayed there. */
  | { type: 'ended-elsewhere'; job: Job };

export type JobListener = (event: JobEvent) => void;

/** The events after which a job says nothing more. */
export const FINAL_EVENTS: ReadonlySet<JobEvent['type']> = new Set([
  'run-finished',
  'compare-finished',
  'ci-finished',
  'results-stored',
  'stress-finished',
  'fuzz-finished',
  'replay-finished',
  'cancelled',
  'failed',
  'build-failed',
  'bisect-finished',
  'digest-finished',
  'ended-elsewhere',
]);
