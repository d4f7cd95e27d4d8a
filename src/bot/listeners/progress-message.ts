// The one message a benchmark job (a run, a comparison, a fuzz session, a
// watched commit) updates from queued to done, with its results in the
// message's thread. Slash commands and the demo post it the same way.
import type { App } from '@slack/bolt';
import type { JobListener } from '../../lab/lab.js';
import type { Message } from '../blocks/block-kit.js';
import { compareMessage } from '../blocks/compare-message.js';
import { fuzzSummary } from '../blocks/fuzz-summary.js';
import { resultTable, runProgress, type RunProgress } from '../blocks/run-progress.js';
import type { BotContext } from '../bot-context.js';

/** Progress edits at most this often, ms: Slack rate-limits chat.update. */
export const PROGRESS_INTERVAL_MS = 1000;

/** Where to post, and who asked (an actor such as `slack:U123`). */
export interface ProgressRequest {
  ctx: BotContext;
  client: App['client'];
  channel: string;
  by: string;
}

export interface ProgressMessage {
  /** Give the job this listener from the moment it is queued. */
  listener: JobListener;
  /** Shows the job's id once it is queued (events name it too). */
  queued(jobId: string): void;
}

/**
 * Posts one progress message for a job about to be queued, and returns the
 * listener that keeps it current while the job runs and puts the results in
 * its thread. The message exists before the job does, so no event can arrive
 * before there is somewhere to show it. `by` is who asked (an actor).
 */
export async function postProgressMessage(req: ProgressRequest, what: string, ref?: string): Promise<ProgressMessage> {
  const { client, channel, ctx, by } = req;
  let lastUpdate = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let jobId = '…';
  const first = runProgress({ jobId, what, ...(ref ? { ref } : {}), by, progress: { state: 'queued' } });
  const ts = (await client.chat.postMessage({ channel, text: first.text, blocks: first.blocks })).ts;
  const show = (progress: RunProgress, force = false): void => {
    const now = Date.now();
    if (!ts || (!force && now - lastUpdate < PROGRESS_INTERVAL_MS)) return;
    lastUpdate = now;
    const message = runProgress({ jobId, what, ...(ref ? { ref } : {}), by, progress });
    const at = ts;
    pending = pending.then(() => client.chat.update({ channel, ts: at, text: message.text, blocks: message.blocks })).catch((error: unknown) => ctx.log('progress update failed', error));
    ctx.track(pending);
  };
  const thread = (messages: Message[]): void => {
    const at = ts;
    if (!at) return;
    for (const m of messages) pending = pending.then(() => client.chat.postMessage({ channel, thread_ts: at, text: m.text, blocks: m.blocks })).catch((error: unknown) => ctx.log('thread post failed', error));
    ctx.track(pending);
  };

  const listener: JobListener = (event) => {
    if (jobId === '…') jobId = event.job.id;
    switch (event.type) {
      case 'progress': {
        const p = event.progress;
        if (p.type === 'case-start') show({ state: 'running', caseIndex: p.index + 1, caseCount: p.total, caseId: p.caseId });
        else if (p.type === 'confirm') show({ state: 'confirming', caseId: p.caseId });
        return;
      }
      case 'run-finished': {
        const counts: Partial<Record<string, number>> = {};
        for (const e of event.report.entries) counts[e.comparison.verdict] = (counts[e.comparison.verdict] ?? 0) + 1;
        show({ state: 'done', counts }, true);
        thread(resultTable(event.report.entries.map((e) => ({ result: e.result, comparison: e.comparison }))));
        return;
      }
      case 'fuzz-progress': {
        const p = event.progress;
        if (p.type === 'property-start') show({ state: 'running', caseIndex: p.index + 1, caseCount: p.total, caseId: p.caseId });
        return;
      }
      case 'fuzz-finished': {
        const { report } = event;
        // Verdict counts are a benchmark's words; the thread says what fuzzing found.
        show({ state: 'done', counts: {} }, true);
        thread([fuzzSummary({ cases: report.cases, suiteErrors: report.suiteErrors, alertedFindings: report.alert?.findingIds ?? [] })]);
        return;
      }
      case 'compare-finished':
        show({ state: 'done', counts: {} }, true);
        thread([compareMessage({ ...event.report, refA: event.report.commitA.slice(0, 12), refB: event.report.commitB.slice(0, 12) })]);
        return;
      case 'cancelled':
        show({ state: 'cancelled', ...(event.by ? { by: event.by } : {}) }, true);
        if (event.report && event.report.entries.length > 0) thread(resultTable(event.report.entries.map((e) => ({ result: e.result, comparison: e.comparison }))));
        return;
      case 'failed':
        show({ state: 'failed', error: event.error }, true);
        return;
      case 'ended-elsewhere': {
        // An agent on another machine ran it: its results are in the store, its alerts come through the outbox.
        const { state, error } = event.job;
        if (state === 'done') show({ state: 'done', counts: {} }, true);
        else if (state === 'cancelled') show({ state: 'cancelled', ...(event.job.cancelledBy ? { by: event.job.cancelledBy } : {}) }, true);
        else show({ state: 'failed', error: error ?? state }, true);
        return;
      }
      case 'started':
        return;
    }
  };
  return {
    listener,
    queued(id) {
      jobId = id;
      show({ state: 'queued' }, true);
    },
  };
}

/** Posts one progress message, starts the job, and keeps the message current while it runs. */
export async function startWithProgress(req: ProgressRequest, what: string, ref: string | undefined, start: (listener: JobListener) => { id: string }): Promise<void> {
  const message = await postProgressMessage(req, what, ref);
  message.queued(start(message.listener).id);
}

