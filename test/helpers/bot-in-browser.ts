// The real perflab bot on a fresh local workspace, a store of its own in a
// temp folder, and headless Chromium showing the channel: what the browser
// end-to-end tests start before their tests and stop after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startLocalBot, type LocalBot, type LocalBotOptions } from '../../src/bot/start-local-bot.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import { openChannelPage } from './workspace-page.js';

export interface BotInBrowserOptions extends Omit<LocalBotOptions, 'store' | 'suitesDir' | 'repo'> {
  /** Where the bot's suites are. Default: a folder that does not exist (the demo brings its own repository). */
  suitesDir?: string;
  /** The repository the bot measures. Default: none. */
  repo?: string | null;
  /** Fills the store before the bot starts (its outbox posts stored alerts when it starts). */
  seed?: (store: Store) => Promise<void>;
  /** Who "you" are on the page. Default alice, in S0MAINTAINERS: she may accept. */
  userId?: string;
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
}

export interface BotInBrowser {
  store: Store;
  local: LocalBot;
  page: Page;
  /** Closes the browser, stops the bot and then the workspace, closes the store and removes its folder. */
  stop(): Promise<void>;
}

export async function startBotInBrowser(options: BotInBrowserOptions): Promise<BotInBrowser> {
  const { seed, userId = 'U0ALICE', viewport, suitesDir, repo = null, ...bot } = options;
  const storeDir = mkdtempSync(join(tmpdir(), `perflab-${options.machine}-`));
  const store = await openStore(storeDir);
  let local: LocalBot | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  const stop = async () => {
    await closeBrowser?.();
    await local?.stop();
    await store.close();
    rmSync(storeDir, { recursive: true, force: true });
  };
  try {
    await seed?.(store);
    local = await startLocalBot({ ...bot, store, suitesDir: suitesDir ?? join(storeDir, 'no-suites'), repo });
    const { browser, page } = await openChannelPage(local.workspace.url, userId, viewport);
    closeBrowser = () => browser.close();
    return { store, local, page, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
