// `/perflab demo`: the story that ends in an alert, in the channel. One
// message follows the demo (the repository, each push and its commits, how
// it ended); each push gets the progress message every measured job gets;
// the alert, its chart and the bisection arrive the way they always do —
// through the outbox, from the lab's own commit and bisect jobs.
import type { App } from '@slack/bolt';
import type { JobListener } from '../../lab/lab.js';
import { runDemo, type PushedCommit } from '../../triggers/demo/run-demo.js';
import { demoMessage, type DemoView } from '../blocks/demo-message.js';
import { shortCommit } from '../blocks/short-commit.js';
import type { BotContext } from '../bot-context.js';
import { postProgressMessage } from './progress-message.js';

export interface DemoRequest {
  ctx: BotContext;
  client: App['client'];
  channel: string;
  /** Who asked (an actor). */
  by: string;
}

/** Posts the demo's message and starts the story; returns once it is under way (the story takes a minute or two). */
export async function startDemo(req: DemoRequest): Promise<void> {
  const { ctx, client, channel, by } = req;
  const started = Date.now();
  const view: DemoView = { by, pushes: [], progress: { state: 'preparing' } };
  const first = demoMessage(view);
  const ts = (await client.chat.postMessage({ channel, text: first.text, blocks: first.blocks })).ts;
  let pending: Promise<unknown> = Promise.resolve();
  const show = (): void => {
    if (!ts) return;
    const message = demoMessage(view);
    pending = pending.then(() => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks })).catch((error: unknown) => ctx.log('updating the demo message failed', error));
    ctx.track(pending);
  };
  // Pushes are measured one after another: events go to the latest push's message.
  let current: JobListener | undefined;
  const story = runDemo(ctx.lab, ctx.watcher, {
    listener: (event) => current?.(event),
    onStep: async (step) => {
      switch (step.type) {
        case 'repository':
          view.repo = { dir: step.dir, caseId: step.caseId };
          view.progress = { state: 'watching' };
          break;
        case 'pushed': {
          view.pushes = [...view.pushes, step.commits];
          show();
          current = (await postProgressMessage({ ctx, client, channel, by }, pushTitle(view.pushes.length, step.commits))).listener;
          return;
        }
        case 'bisecting':
          view.progress = { state: 'bisecting' };
          break;
      }
      show();
    },
  });
  story.then(
    (outcome) => {
      view.progress = outcome.ok ? { state: 'done', culprit: outcome.culprit, elapsedMs: Date.now() - started } : { state: 'failed', reason: outcome.reason };
      show();
    },
    (error: unknown) => {
      ctx.log('the demo failed', error);
      view.progress = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
      show();
    },
  );
}

/** "demo push 4: 4 commits, up to 1cb367ed2b" */
function pushTitle(number: number, commits: readonly PushedCommit[]): string {
  const last = commits.at(-1);
  return `demo push ${number}: ${commits.length === 1 ? '1 commit' : `${commits.length} commits, up to`} ${shortCommit(last?.commit)}`;
}
