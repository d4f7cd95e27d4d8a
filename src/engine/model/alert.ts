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
}

/** Discriminated on `kind`: each kind carries what it is about, and only that. */
export type Alert =
  | (AlertBase & {
      kind: 'regression' | 'improvement';
      /** For an alert raised on a batch of commits: the bisection that pinned it to one commit. */
      culprit?: Culprit;
      findingIds?: never;
      message?: never;
    })
  | (AlertBase & { kind: 'environment-suspect' | 'suite-error'; culprit?: never; findingIds?: never; message?: never })
  /** Stress failures and fuzz counterexamples: the findings it tells about. */
  | (AlertBase & { kind: 'finding'; findingIds: string[]; culprit?: never; message?: never })
  /** A watched commit that did not build: what went wrong, in short. */
  | (AlertBase & { kind: 'build-failed'; message: string; culprit?: never; findingIds?: never });

export interface AlertDelivery {
  /** `posting`: one process claimed the post (see `Store.claimAlertDelivery`); others leave it alone until `claimedUntil`. */
  state: 'pending' | 'posting' | 'posted' | 'failed';
  attempts: number;
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
