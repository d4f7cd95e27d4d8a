// The bot on the local workspace: what `npm start` runs without Slack
// tokens, and what end-to-end tests and the ack-latency benchmark drive.
import { createBot, type Bot, type BotOptions } from './create-bot.js';
import type { BotConfig } from './config.js';
import { LocalWorkspace, type LocalWorkspaceOptions } from '../local-workspace/index.js';

export interface LocalBotOptions extends Omit<BotOptions, 'connection' | 'channel' | 'admins'> {
  /** Default: the local workspace's maintainers group (alice may accept, bob may not). */
  admins?: BotConfig['admins'];
  workspace?: LocalWorkspaceOptions;
}

export interface LocalBot {
  workspace: LocalWorkspace;
  bot: Bot;
  /** Stops the bot before the workspace (the other order leaves Bolt reconnecting to nothing). */
  stop(): Promise<void>;
}

export const LOCAL_ADMINS: BotConfig['admins'] = { users: [], groups: ['S0MAINTAINERS'] };

export async function startLocalBot(options: LocalBotOptions): Promise<LocalBot> {
  const workspace = await LocalWorkspace.start(options.workspace);
  try {
    const bot = await createBot({
      ...options,
      connection: { mode: 'socket', botToken: workspace.botToken, appToken: workspace.appToken, apiUrl: workspace.apiUrl },
      channel: workspace.channel,
      admins: options.admins ?? LOCAL_ADMINS,
    });
    await bot.start();
    return {
      workspace,
      bot,
      async stop() {
        await bot.stop();
        await workspace.stop();
      },
    };
  } catch (error) {
    await workspace.stop();
    throw error;
  }
}
