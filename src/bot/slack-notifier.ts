// The Slack side of the outbox: posts an alert to the channel (details and
// charts in its thread) and rewrites it when someone acts on it. Slack's rate
// limiting is passed back as NotifyError.retryAfterMs so the outbox waits as asked.
import type { App } from '@slack/bolt';
import { NotifyError, type Notifier, type PostedMessage } from '../engine/alert/notifier.js';
import type { Alert } from '../engine/model.js';
import type { Digest } from '../engine/report/digest.js';
import type { Lab } from '../lab/lab.js';
import { alertView } from './alert-view.js';
import { alertMessage } from './blocks/alert-message.js';
import { alertResolved, type AlertOutcome } from './blocks/alert-resolved.js';
import type { Message } from './blocks/block-kit.js';
import { digestMessage } from './blocks/digest-message.js';
import { findingDetails } from './blocks/finding-section.js';
import { resultTable } from './blocks/run-progress.js';
import type { ButtonKey } from './button-key.js';
import { uploadChart } from './upload-chart.js';

type WebClient = App['client'];

/** The metadata event type of an alert's message; its payload is `{ alert_id }`. */
const ALERT_EVENT = 'perflab_alert';
/** The metadata event type of a digest's message; its payload is `{ key }` (`digestKey`). */
const DIGEST_EVENT = 'perflab_digest';

/** Message metadata perflab finds its own messages by: one field in the payload. */
interface Marker {
  event_type: string;
  event_payload: Record<string, string>;
}
const CLOCK_SKEW_MS = 10 * 60_000;
/** Slack's errors for a channel the app may not read. */
const CANNOT_READ = new Set(['missing_scope', 'not_in_channel', 'channel_not_found']);

export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: WebClient,
    private readonly lab: () => Lab,
    private readonly channel: string,
    private readonly key: ButtonKey,
    private readonly repo: string | null,
    /** `PERFLAB_PUBLIC_URL`: alerts link to their page there. */
    private readonly publicUrl?: string,
  ) {}

  async post(alert: Alert): Promise<PostedMessage> {
    const view = await alertView(this.lab(), alert, this.repo, this.publicUrl);
    // An alert settled before it was posted (raised already accepted, or fixed while pending) is posted as it is: no buttons.
    const outcome = outcomeOf(alert);
    const message = outcome ? alertResolved(view, outcome, { sign: this.key.sign }) : alertMessage(view, { sign: this.key.sign });
    // Marked with the alert's id, so that `findPosted` can tell it is there.
    return this.#postToChannel(message, { event_type: ALERT_EVENT, event_payload: { alert_id: alert.id } });
  }

  /**
   * The alert's message, if an earlier process posted it and died before the
   * store recorded it: the channel's messages since the alert was made are
   * searched for the alert's id in their metadata (conversations.history,
   * which Slack allows non-Marketplace apps once a minute; the outbox asks
   * only after such a death). Slack's rate limit is waited out by the client.
   * An app that may not read the channel (no `channels:history` scope, or
   * not a member of it) cannot tell: it posts, as before it could look,
   * rather than never.
   */
  findPosted(alert: Alert): Promise<PostedMessage | undefined> {
    return this.#findMarked({ event_type: ALERT_EVENT, event_payload: { alert_id: alert.id } }, alert.createdAt);
  }

  /** The digest with this key, if a `digest` job posted it and died before recording it; as `findPosted`. */
  findPostedDigest(key: string, at: string): Promise<PostedMessage | undefined> {
    return this.#findMarked({ event_type: DIGEST_EVENT, event_payload: { key } }, at);
  }

  /** Our message carrying this metadata, posted after `since` (UTC ISO); undefined when there is none or the channel may not be read. */
  async #findMarked(marker: Marker, since: string): Promise<PostedMessage | undefined> {
    // A little earlier: the clocks of the machine that made the alert and of Slack may differ.
    const oldest = ((Date.parse(since) - CLOCK_SKEW_MS) / 1000).toFixed(6);
    const [field, value] = Object.entries(marker.event_payload)[0] ?? [];
    const marked = (metadata: { event_type?: string; event_payload?: unknown } | undefined): boolean =>
      metadata?.event_type === marker.event_type && field !== undefined && (metadata.event_payload as Record<string, unknown> | undefined)?.[field] === value;
    let cursor: string | undefined;
    try {
      do {
        const page = await slack(() => this.client.conversations.history({ channel: this.channel, oldest, include_all_metadata: true, limit: 100, ...(cursor ? { cursor } : {}) }));
        const found = page.messages?.find((m) => marked(m.metadata));
        if (found?.ts) return { channel: this.channel, ts: found.ts };
        cursor = page.has_more ? page.response_metadata?.next_cursor : undefined;
      } while (cursor);
    } catch (error) {
      if (error instanceof NotifyError && CANNOT_READ.has(error.message)) return undefined;
      throw error;
    }
    return undefined;
  }

  /** Every case of the run, in the alert's thread; for a finding, its whole evidence. */
  async postDetails(alert: Alert, message: PostedMessage): Promise<void> {
    if (alert.kind === 'finding') {
      for (const id of alert.findingIds ?? []) {
        const finding = (await this.lab().finding(id));
        if (!finding) continue;
        const details = findingDetails(finding);
        await this.client.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text: details.text, blocks: details.blocks });
      }
      return;
    }
    const results = await this.lab().runResults(alert.runId);
    for (const part of resultTable(results.map((r) => ({ result: r.result, ...(r.comparison ? { comparison: r.comparison } : {}) })))) {
      await this.client.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text: part.text, blocks: part.blocks });
    }
  }

  async update(alert: Alert, message: PostedMessage): Promise<void> {
    const outcome = outcomeOf(alert);
    const view = await alertView(this.lab(), alert, this.repo, this.publicUrl);
    // Still open (e.g. a bisection added its culprit): the same message with its buttons.
    const body = outcome ? alertResolved(view, outcome, { sign: this.key.sign }) : alertMessage(view, { sign: this.key.sign });
    await slack(() => this.client.chat.update({ channel: message.channel, ts: message.ts, text: body.text, blocks: body.blocks }));
  }

  async followUp(_alert: Alert, message: PostedMessage, text: string): Promise<void> {
    await slack(() => this.client.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text }));
  }

  /** The chart as an image in the alert's thread (`uploadChart`). */
  async attachChart(alert: Alert, message: PostedMessage, png: Buffer, title: string): Promise<void> {
    await slack(() => uploadChart(this.client, { channel: message.channel, threadTs: message.ts, png, title, prefix: alert.id }));
  }

  /** Marked with its key, so that `findPostedDigest` can tell it is there. */
  postDigest(digest: Digest, key: string): Promise<PostedMessage> {
    return this.#postToChannel(digestMessage(digest), { event_type: DIGEST_EVENT, event_payload: { key } });
  }

  async attachDigestChart(message: PostedMessage, png: Buffer, title: string): Promise<void> {
    await slack(() => uploadChart(this.client, { channel: message.channel, threadTs: message.ts, png, title, prefix: 'digest' }));
  }

  async #postToChannel(message: Message, metadata?: Marker): Promise<PostedMessage> {
    const posted = await slack(() => this.client.chat.postMessage({ channel: this.channel, text: message.text, blocks: message.blocks, ...(metadata ? { metadata } : {}) }));
    // Without its ts the message could never be updated or threaded: not a post the outbox may record.
    if (!posted.ts) throw new NotifyError('Slack answered chat.postMessage without a message ts');
    return { channel: posted.channel ?? this.channel, ts: posted.ts };
  }
}

export function outcomeOf(alert: Alert): AlertOutcome | undefined {
  const by = alert.stateBy ?? 'perflab';
  const at = alert.stateAt ?? alert.createdAt;
  switch (alert.state) {
    case 'accepted':
    case 'dismissed':
      return { state: alert.state, by, at };
    case 'investigating':
      return { state: 'investigating', by, at, ...(alert.investigation?.assignee ? { assignee: alert.investigation.assignee } : {}), ...(alert.investigation?.note ? { note: alert.investigation.note } : {}) };
    case 'fixed':
      return { state: 'fixed', by, at, commit: alert.fixedIn?.commit ?? alert.commit, ...(alert.fixedIn ? { measured: true } : {}) };
    case 'open':
      return undefined;
  }
}

/** Calls Slack; a rate limit becomes a NotifyError carrying Slack's Retry-After. */
async function slack<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
    if (e.code === 'slack_webapi_rate_limited_error') throw new NotifyError('rate limited by Slack', { retryAfterMs: (e.retryAfter ?? 1) * 1000, cause: error });
    throw new NotifyError(e.data?.error ?? e.message ?? String(error), { cause: error });
  }
}
