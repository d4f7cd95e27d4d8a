// Which digests are already in the channel. The record is the audit event
// written right after the post (`digest.posted`, with the digest's key and
// where the message is): the audit log is durable in both stores and shared
// by every process on a PostgreSQL store, so a job run again after a restart
// or a tick fired again finds it and posts nothing.
//
// The gap is the outbox's: a crash after Slack took the message but before
// the event is written. The job is then interrupted and queued again
// (`restarts` > 0), and before posting it asks the notifier for a message
// marked with the digest's key (Slack: metadata, conversations.history).
import type { AuditEvent } from '../engine/model.js';
import type { Store } from '../engine/store/store.js';

export const DIGEST_POSTED = 'digest.posted';

/** Events read per step, growing fourfold: a week of a busy lab's audit is a few thousand events. */
const FIRST_PAGE = 500;

/**
 * The `digest.posted` event of the digest with this key, if any. A digest
 * for instant `at` is posted after `at`, so the newest-first log is read
 * back to `at` and no further.
 */
export async function findPostedDigest(store: Pick<Store, 'listAudit'>, key: string, at: string): Promise<AuditEvent | undefined> {
  const notBefore = Date.parse(at);
  for (let limit = FIRST_PAGE; ; limit *= 4) {
    const events = await store.listAudit({ limit });
    const found = events.find((e) => e.action === DIGEST_POSTED && e.args.key === key);
    if (found) return found;
    const oldest = events.at(-1);
    if (events.length < limit || !oldest || Date.parse(oldest.at) < notBefore) return undefined;
  }
}
