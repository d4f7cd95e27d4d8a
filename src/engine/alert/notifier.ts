// How the engine tells the outside world about an alert. The Slack bot is one
// Notifier; the CLI prints instead. The engine never imports @slack/*.
import { ErrorCode, PerflabError } from '../errors.js';
import type { Alert } from '../model.js';
import type { Digest } from '../report/digest.js';

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface Notifier {
  /** Posts a new alert. Throws on failure; a `NotifyError` with `retryAfterMs` asks for a later retry. */
  post(alert: Alert): Promise<PostedMessage>;
  /**
   * The alert's message if it was posted already (by a process that died
   * before the store recorded it), so it is not posted twice. Optional.
   */
  findPosted?(alert: Alert): Promise<PostedMessage | undefined>;
  /** Optional follow-up after the post is recorded (e.g. details in the message's thread); failures are only logged. */
  postDetails?(alert: Alert, message: PostedMessage): Promise<void>;
  /** Shows an alert's new state (accepted, dismissed, investigating) or new facts (a culprit) in its existing message. */
  update(alert: Alert, message: PostedMessage): Promise<void>;
  /** Adds a later finding about the alert (e.g. the culprit a bisection found) under its message. */
  followUp?(alert: Alert, message: PostedMessage, text: string): Promise<void>;
  /**
   * Puts a chart under the alert's message (Slack: an image in its thread).
   * `png` is the PNG file's bytes; `title` is shown with it and read out as
   * its alt text. Throws on failure, like `post`; callers log and carry on.
   */
  attachChart?(alert: Alert, message: PostedMessage, png: Buffer, title: string): Promise<void>;
  /** Posts the weekly digest to the alerts channel (the `digest` job records it, so it is posted once). Throws on failure. */
  postDigest?(digest: Digest, key: string): Promise<PostedMessage>;
  /**
   * The digest with this key (`digestKey`) if it was posted already, after
   * `at`, by a `digest` job that died before recording it. Optional, as `findPosted`.
   */
  findPostedDigest?(key: string, at: string): Promise<PostedMessage | undefined>;
  /** Puts the digest's chart under its message, as `attachChart` does for an alert. */
  attachDigestChart?(message: PostedMessage, png: Buffer, title: string): Promise<void>;
}

export class NotifyError extends PerflabError {
  /** When the receiver asked us to wait (HTTP 429 Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(ErrorCode.Notify, message, { cause: options.cause });
    this.name = 'NotifyError';
    this.retryAfterMs = options.retryAfterMs;
  }
}
