// The real perflab bot on a fresh local workspace, a store of its own in a
// temp folder, and headless Chromium showing the channel: what the browser
// end-to-end tests start before their tests and stop after them.
import type { Page } from 'playwright-core';
import { startBotWithStore, type BotWithStore, type BotWithStoreOptions } from './bot-with-store.js';
import { openChannelPage } from './workspace-page.js';

export interface BotInBrowserOptions extends BotWithStoreOptions {
  /** Who "you" are on the page. Default alice, in S0MAINTAINERS: she may accept. */
  userId?: string;
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
}

export interface BotInBrowser extends BotWithStore {
  page: Page;
  /** Closes the browser, stops the bot and then the workspace, closes the store and removes its folder. */
  stop(): Promise<void>;
}

export async function startBotInBrowser(options: BotInBrowserOptions): Promise<BotInBrowser> {
  const { userId = 'U0ALICE', viewport, ...bot } = options;
  const { store, local, stop: stopBot } = await startBotWithStore(bot);
  try {
    const { browser, page } = await openChannelPage(local.workspace.url, userId, viewport);
    const stop = async () => {
      await browser.close();
      await stopBot();
    };
    return { store, local, page, stop };
  } catch (error) {
    await stopBot();
    throw error;
  }
}
