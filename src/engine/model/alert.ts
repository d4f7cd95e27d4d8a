// A notification about one commit range, what it is about (by kind), and
// what became of it: `open → investigating → accepted | dismissed | fixed`.

export type AlertState = 'open' | 'investigating' | 'accepted' | 'dismissed' | 'fixed';

export type AlertKind = Alert['kind'];

interface AlertBase {
  id: string;
  runId: string;
  commit: string | null;
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
  /** Set when perflab closed it as `fixed`: the run that measured its cases back at the old level. */
  fixedIn?: FixedIn;
}

/** Discriminated on `kind`: each kind carries what it is about, and only that. */
export type Alert =
  | (AlertBase & {
      kind: 'regression' | 'improvement';
      /** For an alert raised on a batch of commits: the bisection that pinned it to one commit. */
      culprit?: Culprit;
      drift?: never;
      findingIds?: never;
      message?: never;
    })
  /** A change of level no single run was flagged for, found over the case's history (E-Divisive); bisected like a regression. */
  | (AlertBase & { kind: 'drift'; drift: Drift; culprit?: Culprit; findingIds?: never; message?: never })
  | (AlertBase & { kind: 'environment-suspect' | 'machine-changed' | 'suite-error'; culprit?: never; drift?: never; findingIds?: never; message?: never })
  /** Stress failures and fuzz counterexamples: the findings it tells about. */
  | (AlertBase & { kind: 'finding'; findingIds: string[]; culprit?: never; drift?: never; message?: never })
  /** A watched commit that did not build: what went wrong, in short. */
  | (AlertBase & { kind: 'build-failed'; message: string; culprit?: never; drift?: never; findingIds?: never });

export interface AlertDelivery {
  /** `posting`: one process claimed the post (see `Store.claimAlertDelivery`); others leave it alone until `claimedUntil`. */
  state: 'pending' | 'posting' | 'posted' | 'failed';
  attempts: number;
  /**
   * How many times a process claimed the post. Every claim that ends records
   * an attempt; more claims than attempts + 1 means an earlier claimant died
   * before recording its outcome, and may have posted.
   */
  claims?: number;
  /** Who is posting it, and until when the claim holds (UTC ISO); only while `posting`. */
  claimedBy?: string;
  claimedUntil?: string;
  /** Where the message is, once posted. */
  channel?: string;
  ts?: string;
  lastError?: string;
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

/** One end of a drift: a run and the commit it measured. */
export interface DriftEnd {
  runId: string;
  commit: string | null;
  /** The run's result time, UTC ISO. */
  at: string;
}

/**
 * What a drift alert is about: one case's level moved between `from` (the
 * last run at the old level) and `to` (the first at the new one).
 */
export interface Drift {
  caseId: string;
  from: DriftEnd;
  to: DriftEnd;
  /** Runs after `from` up to and including `to`. */
  commits: number;
  /** Mean per-run median of the segment before and after the change, in `unit`. */
  meanBefore: number;
  meanAfter: number;
  unit: string;
  /** meanAfter / meanBefore: 1.058 is 5.8% slower (for lower-is-better cases). */
  ratio: number;
  /** Corrected p-value of the split (the largest, when the drift is several change points close together). */
  pValue: number;
  /** "+5.8% between a1b2c3d and d4e5f6a, over 5 commits" (`describeDrift`). */
  summary: string;
}

/** Where an alert's cases were measured back at the level they regressed from. */
export interface FixedIn {
  runId: string;
  commit: string | null;
}
