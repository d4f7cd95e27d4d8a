// The outbox (DESIGN §10): an alert is in the store before anyone is told;
// posting is retried until it succeeds (honouring Retry-After), and an alert
// marked posted is never posted again — also after a restart, which resumes
// whatever was still pending.
//
// Several processes may share one store (PostgreSQL: the bot and agents on
// other machines). Before posting, an outbox claims the alert in the store
// (`claimAlertDelivery`, atomic across processes), so exactly one of them
// posts it; a claim whose holder died runs out after `claimMs` and another
// takes it over.
//
// The one gap: a crash after the notifier accepted the post but before the
// store recorded it. A claim counts itself (`delivery.claims`) and every
// claim that ends records an attempt, so a claimant that finds more claims
// than attempts + 1 knows an earlier one died unrecorded: it asks the
// notifier whether the alert is already there (`findPosted`) before posting.
// Only then: looking is costly (Slack allows non-Marketplace apps one
// conversations.history call a minute).
import type { Alert } from '../model.js';
import type { Store } from '../store/store.js';
import { NotifyError, type Notifier, type PostedMessage } from './notifier.js';

export interface OutboxOptions {
  /** Waits between attempts, ms; the last one repeats. Default 1 s, 5 s, 15 s, 60 s, 5 min. */
  delaysMs?: readonly number[];
  /** Give up (delivery state `failed`) after this many attempts. Default 20. */
  maxAttempts?: number;
  onError?: (alert: Alert, error: unknown) => void;
  /** More for the posted message once its details are in (e.g. charts in its thread); runs after every successful post, retries and resumes included. A throw is passed to `onError`. */
  afterPost?: (alert: Alert, message: PostedMessage) => Promise<void>;
  /** Who claims posts, e.g. `serve:host:pid`. Default: this process. */
  holder?: string;
  /** How long a claim to post holds; a post that takes longer may be made twice. Default 60 s. */
  claimMs?: number;
}

export class Outbox {
  readonly #store: Store;
  readonly #notifier: Notifier;
  readonly #delays: readonly number[];
  readonly #maxAttempts: number;
  readonly #onError: ((alert: Alert, error: unknown) => void) | undefined;
  readonly #afterPost: OutboxOptions['afterPost'];
  readonly #holder: string;
  readonly #claimMs: number;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(store: Store, notifier: Notifier, options: OutboxOptions = {}) {
    this.#store = store;
    this.#notifier = notifier;
    this.#delays = options.delaysMs ?? [1_000, 5_000, 15_000, 60_000, 300_000];
    this.#maxAttempts = options.maxAttempts ?? 20;
    this.#onError = options.onError;
    this.#afterPost = options.afterPost;
    this.#holder = options.holder ?? `outbox:${process.pid}`;
    this.#claimMs = options.claimMs ?? 60_000;
  }

  /** Posts the alert unless it was posted already; concurrent calls for one alert share one attempt. */
  deliver(alertId: string): Promise<void> {
    const running = this.#inFlight.get(alertId);
    if (running) return running;
    const attempt = this.#attempt(alertId).finally(() => this.#inFlight.delete(alertId));
    this.#inFlight.set(alertId, attempt);
    return attempt;
  }

  /** Delivers every alert still pending, e.g. after a restart. */
  async resume(): Promise<void> {
    for (const alert of (await this.#store.listAlerts())) {
      if (alert.delivery?.state !== 'posted' && alert.delivery?.state !== 'failed') await this.deliver(alert.id);
    }
  }

  /** Shows a state change in the alert's message, if it has one. */
  async update(alert: Alert): Promise<void> {
    const { delivery } = alert;
    if (delivery?.state !== 'posted' || !delivery.channel || !delivery.ts) return;
    await this.#notifier.update(alert, { channel: delivery.channel, ts: delivery.ts });
  }

  /** Adds `text` under the alert's message (its thread in Slack), if it has one. */
  async followUp(alert: Alert, text: string): Promise<void> {
    const { delivery } = alert;
    if (delivery?.state !== 'posted' || !delivery.channel || !delivery.ts) return;
    await this.#notifier.followUp?.(alert, { channel: delivery.channel, ts: delivery.ts }, text);
  }

  /**
   * Tells about an alert perflab closed itself as fixed: its message shows
   * the new state (no buttons) and its thread says where it was measured
   * back. One not posted yet is posted as it is now.
   */
  async closed(alert: Alert): Promise<void> {
    if (alert.delivery?.state !== 'posted') return this.deliver(alert.id);
    try {
      await this.update(alert);
      const at = alert.fixedIn?.commit ? `at \`${alert.fixedIn.commit.slice(0, 12)}\`` : 'in the working tree';
      await this.followUp(alert, `Fixed: measured back at the old level ${at}${alert.fixedIn ? ` (run \`${alert.fixedIn.runId}\`)` : ''}. perflab closed this alert.`);
    } catch (error) {
      this.#onError?.(alert, error);
    }
  }

  /** Stops retry timers; pending alerts stay pending in the store for the next start. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(alertId: string): Promise<void> {
    if (this.#closed) return;
    // Posted, given up on, or another process's to post: nothing to do here.
    const alert = await this.#store.claimAlertDelivery(alertId, this.#holder, this.#claimMs);
    if (!alert) return;
    const attempts = (alert.delivery?.attempts ?? 0) + 1;
    const claims = alert.delivery?.claims ?? 1;
    let message: PostedMessage;
    try {
      // An earlier claimant died before recording its outcome: it may have posted.
      const earlier = claims > attempts ? await this.#notifier.findPosted?.(alert) : undefined;
      message = earlier ?? (await this.#notifier.post(alert));
    } catch (error) {
      this.#onError?.(alert, error);
      const failed = attempts >= this.#maxAttempts;
      await this.#store.setAlertDelivery(alertId, { state: failed ? 'failed' : 'pending', attempts, claims, lastError: describe(error) });
      if (!failed) this.#retry(alertId, error instanceof NotifyError && error.retryAfterMs !== undefined ? error.retryAfterMs : (this.#delays[Math.min(attempts - 1, this.#delays.length - 1)] ?? 60_000));
      return;
    }
    try {
      await this.#store.setAlertDelivery(alertId, { state: 'posted', attempts, claims, channel: message.channel, ts: message.ts });
    } catch (error) {
      // Posted, but not recorded: recording "pending" would post it again. The
      // claim is left to run out; the next claimant counts more claims than
      // attempts and looks for this message before posting.
      this.#onError?.(alert, error);
      this.#retry(alertId, Math.max(0, Date.parse(alert.delivery?.claimedUntil ?? '') - Date.now() || 0) + 10);
      return;
    }
    // Recorded first, so a click on the fresh message can already find and update it.
    await this.#notifier.postDetails?.(alert, message).catch((error: unknown) => this.#onError?.(alert, error));
    await this.#afterPost?.(alert, message).catch((error: unknown) => this.#onError?.(alert, error));
  }

  #retry(alertId: string, delayMs: number): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.deliver(alertId);
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
