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

/** One case's outcome in one run: measured data, or an error as data. */
export type Result =
  | (ResultBase & {
      state: 'ok';
      /** `stress`: a stress scenario's latency, or one of its metric series (`suite/name:p99`). */
      kind: 'function' | 'command' | 'stress';
      summary: Summary;
      /** Raw per-sample values, compactly encoded (see `encodeSamples`); for stress, the HDR histogram in its base64 encoding. */
      samples: string;
      /** Operations timed per sample (calibrated batching); 1 for commands and stress. */
      batch: number;
      process?: ProcessStats;
      /** Set on a stress scenario's own result. */
      stress?: StressStats;
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
  /** Fuzz runs: the seeds (stored before any worker starts) and, once finished, what each property did. */
  fuzz?: FuzzRunRecord;
}

/** One worker's share of one fuzz property: stored before it starts, so a killed worker is reproducible. */
export interface FuzzTaskPlan {
  caseId: string;
  worker: number;
  /** fast-check seed of the task's first chunk; chunk k uses `chunkSeed(seed, k)`. */
  seed: number;
  budgetMs: number;
}

/** What one fuzz property did in one run, over all its workers. */
export interface FuzzCaseStats {
  caseId: string;
  /** `failed`: at least one finding; `errored`: the property could not run (see `error`). */
  state: 'passed' | 'failed' | 'errored' | 'cancelled';
  /** Inputs generated and checked (fast-check's runs, over all workers). */
  inputs: number;
  /** Every call of the predicate, shrinking included. */
  executions: number;
  /** Wall time of the property's turn (its workers run side by side), ms. */
  elapsedMs: number;
  executionsPerSecond: number;
  /** Worker time used / worker time planned, 0…1 (a failure or an error ends a worker early). */
  budgetCoverage: number;
  findings: number;
  error?: CaseError;
}

export interface FuzzRunRecord {
  budgetMs: number;
  workers: number;
  tasks: FuzzTaskPlan[];
  /** Known findings replayed before fuzzing: how each replay went. */
  replays?: { findingId: string; reproduced: number; attempts: number }[];
  /** Set when the run finished. */
  cases?: FuzzCaseStats[];
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

export type AlertKind = 'regression' | 'improvement' | 'environment-suspect' | 'suite-error' | 'finding' | 'build-failed';

export interface Alert {
  id: string;
  runId: string;
  commit: string | null;
  kind: AlertKind;
  caseIds: string[];
  /** For `finding` alerts: the findings it tells about (stress failures, fuzz counterexamples). */
  findingIds?: string[];
  state: AlertState;
  createdAt: string;
  /** Who moved it to its current state, and when. */
  stateBy?: string;
  stateAt?: string;
  /** Set when someone opened an investigation. */
  investigation?: { note: string; assignee?: string };
  /** For alerts without numbers (`build-failed`): what went wrong, in short. */
  message?: string;
  /** For an alert raised on a batch of commits: the bisection that pinned it to one commit. */
  culprit?: Culprit;
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

/** The commit a bisection pinned a regression on. */
export interface Culprit {
  commit: string;
  author: string;
  subject: string;
  /** Commits measured to find it, and commits skipped because they did not build. */
  steps: number;
  skipped: string[];
}

export type FindingState = 'new' | 'known' | 'fixed' | 'regressed';

/** Where and when a finding was seen. */
export interface Sighting {
  runId: string;
  commit: string | null;
  at: string;
}

/**
 * A stress failure or a fuzz counterexample (DESIGN §3), deduplicated by
 * `signature`: the same bug seen again increments `count` and posts nothing.
 */
export interface Finding {
  id: string;
  mode: 'stress' | 'fuzz';
  caseId: string;
  /** Dedupe key: mode-specific (fuzz: error name + normalized message + top in-project frames). */
  signature: string;
  /** Mode-specific kind, e.g. `threshold-failed`, `leaking`, `property-failed`, `hang`. */
  kind: string;
  state: FindingState;
  /** Did not reproduce on replay. */
  flaky: boolean;
  /** One line for a person: "p99 312 ms > 200 ms", "TypeError: cannot read 'x' of undefined". */
  title: string;
  /** The full evidence as text: counterexample, numbers, last samples, the error and its stack. */
  evidence: string;
  /** One command that reproduces it, when there is one. */
  repro?: string;
  /** Mode-specific structured data (seed, path, counterexample, thresholds …). */
  detail: Record<string, unknown>;
  firstSeen: Sighting;
  lastSeen: Sighting;
  /** How many times it was seen (every sighting, all runs and workers). */
  count: number;
  stateBy?: string;
  stateAt?: string;
  /** Set when it stopped reproducing. */
  fixedIn?: Sighting;
  /** Runs in a row, since it was last seen, that ran its case and did not see it (reset by a sighting). */
  cleanRuns?: number;
}

/** What a finding is, before the store gives it an id and a history. */
export type FindingReport = Pick<Finding, 'mode' | 'caseId' | 'signature' | 'kind' | 'title' | 'evidence' | 'detail'> & { repro?: string };

/** A cron expression × suite selection × mode (DESIGN §3). */
export interface Schedule {
  id: string;
  cron: string;
  /** IANA zone the expression is read in, e.g. `Europe/Paris`. */
  timezone: string;
  /** Suite/case pattern, as for `perflab run`. */
  pattern: string;
  mode: Mode;
  createdBy: string;
  createdAt: string;
  /** `config` schedules are re-read from perflab.config.json at start and cannot be removed from Slack. */
  source: 'config' | 'store';
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** A persisted unit of work (DESIGN §3): trigger × commit × selection × mode. */
export interface Job {
  id: string;
  /** Which handler runs it: `run`, `compare`, `commit`, `bisect`, `stress`, `fuzz`. */
  kind: string;
  /** What it does, for people: "run json/*", "compare main my-branch". */
  description: string;
  trigger: Trigger;
  /** Everything the handler needs, as JSON, so the job can run again after a restart. */
  request: Record<string, unknown>;
  /** Higher runs first; equal priorities run in submission order. */
  priority: number;
  /** Two queued or running jobs with the same key are one job. */
  dedupeKey: string;
  state: JobState;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  cancelledBy?: string;
  /** How many times a restart found it running and put it back in the queue. */
  restarts: number;
}

/** The last commit of a watched branch that perflab has taken in. */
export interface WatchCursor {
  repo: string;
  branch: string;
  commit: string;
  at: string;
}
