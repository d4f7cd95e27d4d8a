// What a verified push webhook tells perflab, whichever forge sent it.

export type PushProvider = 'github' | 'gitlab' | 'gitea';

export interface PushEvent {
  provider: PushProvider;
  /** The forge's id of this delivery (a redelivery keeps it); a hash of the body when the forge sends none. */
  deliveryId: string;
  repository: {
    /** Every URL the repository can be fetched from (https first), to match against the watched repositories. */
    cloneUrls: string[];
    /** `owner/name` (GitLab: `group/subgroup/name`). */
    fullName: string;
  };
  /** Branch name without `refs/heads/`. */
  branch: string;
  /** Commit the branch pointed at before the push (all zeros for a new branch). */
  before: string;
  /** Commit the branch points at now. */
  after: string;
  /** Commits in the push, when the forge says. */
  commits?: number;
}

/**
 * The outcome of checking a delivery: a push to act on, or what to answer.
 * 401: missing or wrong signature/token. 400: signed but not a push payload.
 * 202: signed and well-formed but nothing to do (ping, tag push, branch deleted, other event).
 */
export type PushDelivery =
  | { ok: true; push: PushEvent }
  | { ok: false; status: 401 | 400 | 202; reason: string };
