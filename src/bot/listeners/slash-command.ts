// `/perflab …`: ack at once, then parse and hand the work to the lab. A run
// reports in one message that is updated as it goes; the result table goes in
// that message's thread. Anything malformed gets a private answer with usage.
import type { App, RespondFn } from '@slack/bolt';
import type { JobEvent } from '../../lab/lab.js';
import { baselineMessage } from '../blocks/baseline-message.js';
import type { Message } from '../blocks/block-kit.js';
import { compareMessage } from '../blocks/compare-message.js';
import { fuzzSummary } from '../blocks/fuzz-summary.js';
import { historyMessage } from '../blocks/history-message.js';
import { resultTable, runProgress, type RunProgress } from '../blocks/run-progress.js';
import { statusMessage } from '../blocks/status-message.js';
import { helpText, parseCommand, type Subcommand, type SubcommandName } from '../commands/parse-command.js';
import { slackActor, type BotContext } from '../bot-context.js';

type WebClient = App['client'];

const EVERYONE: SubcommandName[] = ['help', 'run', 'status', 'history', 'baseline', 'compare', 'cancel', 'fuzz'];
/** Progress edits at most this often, ms: Slack rate-limits chat.update. */
const PROGRESS_INTERVAL_MS = 1000;

export function registerSlashCommand(app: App, ctx: BotContext): void {
  app.command('/perflab', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = (message: Message) => respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks as never });
    try {
      const parsed = parseCommand(command.text);
      if (!parsed.ok) {
        await respond({ response_type: 'ephemeral', text: `${parsed.error}\n${parsed.usage}` });
        return;
      }
      await dispatch(parsed.command, { ctx, client, reply, respond, userId: command.user_id, channel: command.channel_id });
    } catch (error) {
      ctx.log(`/perflab ${command.text.slice(0, 100)} failed`, error);
      await respond({ response_type: 'ephemeral', text: `Sorry, that failed: ${error instanceof Error ? error.message : String(error)}` }).catch(() => undefined);
    }
  });
}

interface Request {
  ctx: BotContext;
  client: WebClient;
  reply: (message: Message) => Promise<unknown>;
  respond: RespondFn;
  userId: string;
  channel: string;
}

async function dispatch(command: Subcommand, req: Request): Promise<void> {
  const { ctx, userId } = req;
  const lab = ctx.lab;
  switch (command.name) {
    case 'help': {
      const text = helpText(EVERYONE) + ((await ctx.authorizer.mayAct(userId)) ? '\nYou may also accept baselines and dismiss alerts (buttons on alerts).' : '\nAccepting baselines and dismissing alerts is for the admins configured in PERFLAB_ADMINS.');
      await req.respond({ response_type: 'ephemeral', text });
      return;
    }
    case 'status':
      await req.reply(statusMessage(lab.jobs.list().map((j) => ({ id: j.id, state: j.state, what: j.description, who: j.trigger.by, since: j.finishedAt ?? j.startedAt ?? j.createdAt }))));
      return;
    case 'history': {
      const entries = await lab.history(command.caseId, 30);
      if (entries.length === 0) return void (await req.respond({ response_type: 'ephemeral', text: unknownCase(command.caseId, lab.knownCases()) }));
      await req.reply(historyMessage({ caseId: command.caseId, entries, baseline: lab.baseline(command.caseId).current, machine: lab.machine }));
      return;
    }
    case 'baseline': {
      const { current } = lab.baseline(command.caseId);
      if (!current) return void (await req.respond({ response_type: 'ephemeral', text: unknownCase(command.caseId, lab.knownCases()) }));
      await req.reply(baselineMessage({ caseId: command.caseId, baseline: current, history: lab.store.baselineHistory(command.caseId, lab.machine), machine: lab.machine }));
      return;
    }
    case 'cancel': {
      const job = lab.jobs.get(command.jobId);
      if (job && job.trigger.by !== slackActor(userId) && !(await ctx.authorizer.mayAct(userId))) {
        await req.respond({ response_type: 'ephemeral', text: `Job \`${job.id}\` was started by someone else; only they or an admin may cancel it.` });
        return;
      }
      const outcome = lab.cancel(command.jobId, slackActor(userId));
      const text = outcome.ok ? `Cancelling job \`${outcome.job.id}\` (${outcome.job.description}).` : outcome.reason === 'not-found' ? `There is no job \`${command.jobId}\`. \`/perflab status\` lists them.` : `Job \`${outcome.job.id}\` already ${outcome.job.state}.`;
      await req.respond({ response_type: 'ephemeral', text });
      return;
    }
    case 'run':
      await startWithProgress(req, `${command.pattern}`, command.ref, (listener) =>
        lab.runSuites({ pattern: command.pattern, ...(command.ref ? { ref: command.ref } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
    case 'fuzz':
      await startWithProgress(req, `fuzz ${command.pattern}`, undefined, (listener) =>
        lab.runFuzz({ pattern: command.pattern, ...(command.budgetMs !== undefined ? { budgetMs: command.budgetMs } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
    case 'compare':
      await startWithProgress(req, `compare ${command.refA} ${command.refB}${command.pattern ? ` ${command.pattern}` : ''}`, undefined, (listener) =>
        lab.compare({ refA: command.refA, refB: command.refB, ...(command.pattern ? { pattern: command.pattern } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
  }
}

/** Posts one progress message, keeps it current while the job runs, and puts the results in its thread. */
async function startWithProgress(req: Request, what: string, ref: string | undefined, start: (listener: (e: JobEvent) => void) => { id: string }): Promise<void> {
  const { client, channel, ctx } = req;
  let lastUpdate = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let jobId = '…';
  // The message exists before the job does, so no event can arrive before there is somewhere to show it.
  const first = runProgress({ jobId, what, ...(ref ? { ref } : {}), by: slackActor(req.userId), progress: { state: 'queued' } });
  const ts = (await client.chat.postMessage({ channel, text: first.text, blocks: first.blocks as never })).ts;
  const show = (progress: RunProgress, force = false): void => {
    const now = Date.now();
    if (!ts || (!force && now - lastUpdate < PROGRESS_INTERVAL_MS)) return;
    lastUpdate = now;
    const message = runProgress({ jobId, what, ...(ref ? { ref } : {}), by: slackActor(req.userId), progress });
    const at = ts;
    pending = pending.then(() => client.chat.update({ channel, ts: at, text: message.text, blocks: message.blocks as never })).catch((error: unknown) => ctx.log('progress update failed', error));
    ctx.track(pending);
  };
  const thread = (messages: Message[]): void => {
    const at = ts;
    if (!at) return;
    for (const m of messages) pending = pending.then(() => client.chat.postMessage({ channel, thread_ts: at, text: m.text, blocks: m.blocks as never })).catch((error: unknown) => ctx.log('thread post failed', error));
    ctx.track(pending);
  };

  const job = start((event) => {
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
      case 'started':
        return;
    }
  });
  jobId = job.id;
  show({ state: 'queued' }, true);
}

function unknownCase(caseId: string, known: string[]): string {
  const list = known.slice(0, 20).map((id) => `\`${id}\``).join(', ');
  return `No results for \`${caseId.slice(0, 100)}\` on this machine yet.${list ? ` Known cases: ${list}${known.length > 20 ? ', …' : ''}.` : ' Run `/perflab run all` first.'}`;
}
