// `/perflab …`: ack at once, then parse and hand the work to the lab. A run
// reports in one message that is updated as it goes; the result table goes in
// that message's thread. Anything malformed gets a private answer with usage.
import type { App, RespondFn } from '@slack/bolt';
import type { JobEvent } from '../../lab/lab.js';
import { baselineMessage } from '../blocks/baseline-message.js';
import type { Message } from '../blocks/block-kit.js';
import { historyMessage } from '../blocks/history-message.js';
import { reportMessage } from '../blocks/report-message.js';
import { code, escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { scheduleMessage } from '../blocks/schedule-message.js';
import { statusMessage } from '../blocks/status-message.js';
import { isUserError } from '../../engine/errors.js';
import { logError } from '../../engine/log/logger.js';
import { parseVsPoint } from '../../engine/report/vs-point.js';
import { stressProgress, stressResultTable, type StressProgressState } from '../blocks/stress-progress.js';
import { helpText, parseCommand, type Subcommand, type SubcommandName } from '../commands/parse-command.js';
import { slackActor, type BotContext } from '../bot-context.js';
import { pageUrl } from '../../site/page-url.js';
import { uploadChart } from '../upload-chart.js';
import { startDemo } from './demo-command.js';
import { PROGRESS_INTERVAL_MS, startWithProgress } from './progress-message.js';

type WebClient = App['client'];

const EVERYONE: SubcommandName[] = ['help', 'run', 'stress', 'fuzz', 'status', 'history', 'report', 'baseline', 'compare', 'cancel', 'schedule', 'demo'];

export function registerSlashCommand(app: App, ctx: BotContext): void {
  app.command('/perflab', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = (message: Message) => respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    try {
      const parsed = parseCommand(command.text);
      if (!parsed.ok) {
        await respond({ response_type: 'ephemeral', text: `${parsed.error}\n${parsed.usage}` });
        return;
      }
      await dispatch(parsed.command, { ctx, client, reply, respond, userId: command.user_id, channel: command.channel_id });
    } catch (error) {
      ctx.log(`/perflab ${command.text.slice(0, 100)} failed`, error);
      await respond({ response_type: 'ephemeral', text: `Sorry, that failed: ${error instanceof Error ? error.message : String(error)}` }).catch((replyError: unknown) =>
        logError(`replying to "/perflab ${command.text.trim().slice(0, 40)}" for ${command.user_id}`, replyError),
      );
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
      await req.reply(statusMessage(lab.jobs().map((j) => ({ id: j.id, state: j.state, what: j.description, who: j.trigger.by, since: j.finishedAt ?? j.startedAt ?? j.createdAt }))));
      return;
    case 'history': {
      const entries = await lab.history(command.caseId, { limit: 30 });
      // A fuzz property keeps no numbers: its chart of findings per run is its history.
      const fuzz = entries.length === 0 ? await lab.fuzzHistory(command.caseId) : null;
      if (fuzz) {
        const found = fuzz.runs.reduce((n, r) => n + r.new, 0);
        await req.respond({ response_type: 'ephemeral', text: `${code(command.caseId)} was fuzzed in ${fuzz.runs.length} run${fuzz.runs.length === 1 ? '' : 's'}, which found ${found} new finding${found === 1 ? '' : 's'}; its chart is in the channel. \`perflab findings\` lists them.` });
        await postHistoryChart(req, command.caseId);
        return;
      }
      if (entries.length === 0) return void (await req.respond({ response_type: 'ephemeral', text: unknownCase(command.caseId, await lab.knownCases()) }));
      const page = pageUrl(ctx.publicUrl, { page: 'case', caseId: command.caseId });
      await req.reply(historyMessage({ caseId: command.caseId, entries, baseline: (await lab.baseline(command.caseId)).current, machine: lab.machine, ...(page ? { pageUrl: page } : {}) }));
      await postHistoryChart(req, command.caseId);
      return;
    }
    case 'report': {
      const report = await lab.diffReport({ ...(command.point ? { vs: [parseVsPoint(command.point)] } : {}), ...(command.pattern ? { pattern: command.pattern } : {}) });
      const page = pageUrl(ctx.publicUrl, { page: 'overview' });
      await req.reply(reportMessage(report, { ...(command.pattern ? { pattern: command.pattern } : {}), ...(page ? { pageUrl: page } : {}) }));
      return;
    }
    case 'baseline': {
      const { current } = await lab.baseline(command.caseId);
      if (!current) return void (await req.respond({ response_type: 'ephemeral', text: unknownCase(command.caseId, await lab.knownCases()) }));
      await req.reply(baselineMessage({ caseId: command.caseId, baseline: current, history: await lab.baselineHistory(command.caseId), machine: lab.machine }));
      return;
    }
    case 'cancel': {
      const job = lab.job(command.jobId);
      if (job && job.trigger.by !== slackActor(userId) && !(await ctx.authorizer.mayAct(userId))) {
        await req.respond({ response_type: 'ephemeral', text: `Job \`${job.id}\` was started by someone else; only they or an admin may cancel it.` });
        return;
      }
      const outcome = lab.cancel(command.jobId, slackActor(userId));
      const text = outcome.ok ? `Cancelling job \`${outcome.job.id}\` (${outcome.job.description}).` : outcome.reason === 'not-found' ? `There is no job \`${command.jobId}\`. \`/perflab status\` lists them.` : `Job \`${outcome.job.id}\` already ${outcome.job.state}.`;
      await req.respond({ response_type: 'ephemeral', text });
      return;
    }
    case 'schedule':
      await schedule(command, req);
      return;
    case 'run':
      await startWithProgress({ ...req, by: slackActor(userId) }, `${command.pattern}`, command.ref, (listener) =>
        lab.submit('run', { pattern: command.pattern, ...(command.ref ? { ref: command.ref } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
    case 'fuzz':
      await startWithProgress({ ...req, by: slackActor(userId) }, `fuzz ${command.pattern}`, undefined, (listener) =>
        lab.submit('fuzz', { pattern: command.pattern, ...(command.budgetMs !== undefined ? { budgetMs: command.budgetMs } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
    case 'compare':
      await startWithProgress({ ...req, by: slackActor(userId) }, `compare ${command.refA} ${command.refB}${command.pattern ? ` ${command.pattern}` : ''}`, undefined, (listener) =>
        lab.submit('compare', { refA: command.refA, refB: command.refB, ...(command.pattern ? { pattern: command.pattern } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
    case 'demo':
      await startDemo({ ctx, client: req.client, channel: req.channel, by: slackActor(userId) });
      return;
    case 'stress':
      await stressWithProgress(req, command.pattern, (listener) =>
        lab.submit('stress', { pattern: command.pattern, ...(command.durationMs ? { durationMs: command.durationMs } : {}) }, { kind: 'command', by: slackActor(userId) }, listener),
      );
      return;
  }
}

/** Like `startWithProgress`, for a stress job: the message shows the live rate, p99 and errors; the verdicts go to the thread. */
async function stressWithProgress(req: Request, what: string, start: (listener: (e: JobEvent) => void) => { id: string }): Promise<void> {
  const { client, channel, ctx } = req;
  const by = slackActor(req.userId);
  let jobId = '…';
  let lastUpdate = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const first = stressProgress({ jobId, what, by, progress: { state: 'queued' } });
  const ts = (await client.chat.postMessage({ channel, text: first.text, blocks: first.blocks })).ts;
  const post = (call: () => Promise<unknown>, failure: string): void => {
    pending = pending.then(call).catch((error: unknown) => ctx.log(failure, error));
    ctx.track(pending);
  };
  const show = (progress: StressProgressState, force = false): void => {
    const now = Date.now();
    if (!ts || (!force && now - lastUpdate < PROGRESS_INTERVAL_MS)) return;
    lastUpdate = now;
    const message = stressProgress({ jobId, what, by, progress });
    post(() => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }), 'progress update failed');
  };
  const job = start((event) => {
    switch (event.type) {
      case 'stress-progress': {
        const p = event.progress;
        if (p.type === 'live') show({ state: 'running', index: p.index + 1, total: p.total, caseId: p.caseId, elapsedMs: p.elapsedMs, durationMs: p.durationMs, rate: p.rate, p99Ms: p.p99Ms, errors: p.errors });
        return;
      }
      case 'stress-finished': {
        const verdicts: Partial<Record<string, number>> = {};
        for (const e of event.report.entries) verdicts[e.verdict] = (verdicts[e.verdict] ?? 0) + 1;
        show({ state: 'done', verdicts }, true);
        const table = stressResultTable(event.report.entries);
        if (ts) post(() => client.chat.postMessage({ channel, thread_ts: ts, text: table.text, blocks: table.blocks }), 'thread post failed');
        return;
      }
      case 'cancelled':
        show({ state: 'cancelled', ...(event.by ? { by: event.by } : {}) }, true);
        return;
      case 'failed':
        show({ state: 'failed', error: event.error }, true);
        return;
      default:
        return;
    }
  });
  jobId = job.id;
  show({ state: 'queued' }, true);
}

/** Anyone may list schedules; adding and removing them is for admins, refused privately and audited. */
async function schedule(command: Extract<Subcommand, { name: 'schedule' }>, req: Request): Promise<void> {
  const { ctx, userId } = req;
  const actor = slackActor(userId);
  const answer = (text: string) => req.respond({ response_type: 'ephemeral', text });
  if (command.action === 'list') return void (await req.reply(scheduleMessage(await ctx.scheduler.list())));
  if (!(await ctx.authorizer.mayAct(userId))) {
    await ctx.lab.audit({ kind: 'command', by: actor }, 'schedule.refused', { ...command });
    return void (await answer('Changing schedules is for the admins configured in PERFLAB_ADMINS.'));
  }
  if (command.action === 'remove') {
    const removed = await ctx.scheduler.remove(command.id, actor);
    return void (await answer(removed.ok ? `Removed schedule ${code(removed.schedule.id)} (${code(removed.schedule.cron)} ${removed.schedule.mode} ${code(removed.schedule.pattern)}).` : `Nothing removed: ${escapeMrkdwn(removed.reason)}.`));
  }
  try {
    const added = await ctx.scheduler.add({ cron: command.cron, pattern: command.pattern, mode: command.mode }, actor);
    await req.reply(scheduleMessage((await ctx.scheduler.list()).filter((s) => s.schedule.id === added.id)));
  } catch (error) {
    if (!isUserError(error)) throw error;
    await answer(`That schedule was not added: ${escapeMrkdwn(error.message)}`);
  }
}

/**
 * The case's chart as an image in the channel, saying who asked: the history
 * itself is a private reply, and a private reply cannot carry a file. A
 * chart that cannot be posted (perflab is not in the channel, say) is told
 * privately; the history already went out.
 */
async function postHistoryChart(req: Request, caseId: string): Promise<void> {
  try {
    const png = await req.ctx.lab.caseChart(caseId, { format: 'png' });
    await uploadChart(req.client, { channel: req.channel, png, title: `History of ${caseId}`, prefix: 'chart', comment: `<@${req.userId}> asked for the history of ${code(caseId)}` });
  } catch (error) {
    req.ctx.log(`posting the chart of ${caseId} for ${req.userId}`, error);
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
    await req.respond({ response_type: 'ephemeral', text: `The chart of ${code(caseId)} could not be posted here: ${escapeMrkdwn(reason)}.` });
  }
}

function unknownCase(caseId: string, known: string[]): string {
  const list = known.slice(0, 20).map((id) => `\`${id}\``).join(', ');
  return `No results for \`${caseId.slice(0, 100)}\` on this machine yet.${list ? ` Known cases: ${list}${known.length > 20 ? ', …' : ''}.` : ' Run `/perflab run all` first.'}`;
}
