// The domain model (DESIGN §3): the nouns every stage of the pipeline shares.
// Types only; each concept's behaviour lives in the file named after it.

export type Mode = 'bench' | 'stress' | 'fuzz';

/** Which way is better for a metric. Timings are `lower`; throughput is `higher`. */
export type Direction = 'lower' | 'higher';

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

export interface CaseError {
  code: string;
  message: string;
}

interface ResultBase {
  /** `suite/name`. */
  caseId: string;
  suite: string;
  name: string;
  mode: Mode;
}

/** One case's outcome in one run: measured data, or an error as data. */
export type Result =
  | (ResultBase & {
      state: 'ok';
      kind: 'function' | 'command';
      summary: Summary;
      /** Raw per-sample values, compactly encoded (see `encodeSamples`). */
      samples: string;
      /** Operations timed per sample (calibrated batching); 1 for commands. */
      batch: number;
      process?: ProcessStats;
    })
  | (ResultBase & { state: 'errored'; error: CaseError });

export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'no-baseline' | 'unstable' | 'errored';

/** How a change was established. */
export type ConfirmMethod =
  /** baseline code and candidate code run alternately, fresh worker each */
  | 'interleaved'
  /** candidate re-run and compared with the stored baseline window (no older code available) */
  | 'window';

/** Effect of a candidate relative to its baseline: candidate median / baseline median. */
export interface Change {
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** One-sided p-value of the Mann–Whitney test in the direction of the change. */
  pValue: number;
  method: ConfirmMethod;
  /** Runs (fresh workers) per side that the decision rests on. */
  runs: number;
}

/** A result set against its baseline. */
export interface Comparison {
  caseId: string;
  verdict: Verdict;
  change?: Change;
  /** Why this verdict, in one sentence a person can act on. */
  reason: string;
}

export type TriggerKind = 'command' | 'schedule' | 'commit' | 'ci' | 'button' | 'cli';

export interface Trigger {
  kind: TriggerKind;
  /** Who or what asked: a Slack user id, `cli:<user>`, a schedule id, … */
  by: string;
}

export interface Run {
  id: string;
  mode: Mode;
  commit: string | null;
  /** True when the working tree had uncommitted changes. */
  dirty: boolean;
  machine: string;
  trigger: Trigger;
  startedAt: string;
  finishedAt: string | null;
  /** `suspect` when the canary moved beyond its own noise: no regression verdicts then. */
  environment: 'ok' | 'suspect';
}

/** A stored result, tied to its run, with the verdict it got. */
export interface RecordedResult {
  runId: string;
  commit: string | null;
  machine: string;
  recordedAt: string;
  result: Result;
  comparison?: Comparison;
  /** False for results of environment-suspect runs and unconfirmed changes: they never enter a baseline window. */
  inWindow: boolean;
}

export interface Baseline {
  caseId: string;
  machine: string;
  runId: string;
  commit: string | null;
  /** Median of the accepted result, in its summary's unit. */
  median: number;
  unit: string;
  acceptedBy: string;
  acceptedAt: string;
  reason: string;
}

export type AlertState = 'open' | 'investigating' | 'accepted' | 'dismissed' | 'fixed';

export interface Alert {
  id: string;
  runId: string;
  commit: string | null;
  kind: 'regression' | 'improvement' | 'environment-suspect' | 'suite-error';
  caseIds: string[];
  state: AlertState;
  createdAt: string;
  /** Who moved it to its current state, and when. */
  stateBy?: string;
  stateAt?: string;
  /** Set when someone opened an investigation. */
  investigation?: { note: string; assignee?: string };
  /** The outbox's record: an alert is stored before it is posted and marked after (DESIGN §10). */
  delivery?: AlertDelivery;
}

export interface AlertDelivery {
  state: 'pending' | 'posted' | 'failed';
  attempts: number;
  /** Where the message is, once posted. */
  channel?: string;
  ts?: string;
  lastError?: string;
}

export interface AuditEvent {
  at: string;
  /** `slack:U123`, `cli:alice`, `ci:github`, `perflab` */
  actor: string;
  action: string;
  args: Record<string, unknown>;
}
