// `digest`: the week's biggest movers (against a week, a month and a year
// ago) with their chart, posted once to the alerts channel. A schedule
// submits it with the instant of its tick (`schedule add "0 9 * * 1" all
// digest`); that instant names the digest, so neither a restart nor a tick
// fired twice posts it again (digest-ledger.ts).
import { z } from 'zod';
import type { PostedMessage } from '../../engine/alert/notifier.js';
import { digestKey, type Digest } from '../../engine/report/digest.js';
import { DIGEST_POSTED, findPostedDigest } from '../digest-ledger.js';
import { drawDigestChart, labDigest } from '../lab-digest.js';
import { defineJobKind } from './job-kind.js';

export type DigestOutcome =
  | { state: 'posted'; key: string; digest: Digest; message: PostedMessage }
  /** Posted before, by this job before a restart or by another tick: `postedAt` is when. */
  | { state: 'already-posted'; key: string; postedAt: string; message: Partial<PostedMessage> }
  /** Made but not posted: nothing to post it to. */
  | { state: 'not-posted'; key: string; digest: Digest; reason: string };

export const digestJob = defineJobKind({
  request: z
    .object({
      /** Which cases (`caseFilter`); default all. */
      pattern: z.string().min(1).optional(),
      /** The instant the digest is for, UTC ISO: a schedule's tick. Default: when the job was queued. */
      at: z.iso.datetime({ offset: true }).optional(),
      /** Movers listed at most. */
      limit: z.number().int().min(1).max(50).optional(),
    })
    .strict(),
  describe: (request) => `digest ${request.pattern ?? 'all'}`,
  dedupeKey: (request) => (request.at ? digestKey(request.pattern ?? null, request.at) : `digest ${JSON.stringify(request)}`),
  // Reads and posts; measures nothing.
  beside: true,
  async run(lab, job, request) {
    const at = new Date(request.at ?? job.createdAt).toISOString();
    const pattern = request.pattern ?? null;
    const key = digestKey(pattern, at);
    const posted = await findPostedDigest(lab.store, key, at);
    if (posted) {
      const { channel, ts } = posted.args;
      const message = { ...(typeof channel === 'string' ? { channel } : {}), ...(typeof ts === 'string' ? { ts } : {}) };
      return lab.emit(job, { type: 'digest-finished', job, outcome: { state: 'already-posted', key, postedAt: posted.at, message } });
    }
    const digest = await labDigest(lab.reads, { now: new Date(at), ...(request.pattern ? { pattern: request.pattern } : {}), ...(request.limit ? { limit: request.limit } : {}) });
    const notifier = lab.notifier;
    if (!notifier?.postDigest) {
      return lab.emit(job, { type: 'digest-finished', job, outcome: { state: 'not-posted', key, digest, reason: 'no Slack channel to post to (perflab serve posts digests)' } });
    }
    // Run again after its process died (`restarts`): it may have posted before it could record that.
    const earlier = job.restarts > 0 ? await notifier.findPostedDigest?.(key, at) : undefined;
    const message = earlier ?? (await notifier.postDigest(digest, key));
    await lab.audit(job.trigger, DIGEST_POSTED, { key, channel: message.channel, ts: message.ts, movers: digest.report.cases.length });
    // The digest is out and recorded: a chart that cannot be drawn or attached is logged, never a second post.
    try {
      const png = await drawDigestChart(lab.reads, digest, 'png');
      if (Buffer.isBuffer(png) && notifier.attachDigestChart) await notifier.attachDigestChart(message, png, `Biggest movers, week to ${at.slice(0, 10)}`);
    } catch (error) {
      lab.onError(`attaching the chart to the digest ${key}`, error);
    }
    lab.emit(job, { type: 'digest-finished', job, outcome: { state: 'posted', key, digest, message } });
  },
});
