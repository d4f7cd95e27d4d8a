// The real perflab bot on a fresh local workspace, with a store of its own in
// a temp folder: what the bot's end-to-end tests start before their tests and
// stop after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalBot, type LocalBot, type LocalBotOptions } from '../../src/bot/start-local-bot.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';

export interface BotWithStoreOptions extends Omit<LocalBotOptions, 'store' | 'suitesDir' | 'repo'> {
  /** Where the bot's suites are. Default: a folder that does not exist. */
  suitesDir?: string;
  /** The repository the bot measures. Default: none. */
  repo?: string | null;
  /** Fills the store before the bot starts (its outbox posts stored alerts when it starts). */
  seed?: (store: Store) => Promise<void>;
}

export interface BotWithStore {
  store: Store;
  local: LocalBot;
  /** Stops the bot and then the workspace, closes the store and removes its folder. */
  stop(): Promise<void>;
}

export async function startBotWithStore(options: BotWithStoreOptions): Promise<BotWithStore> {
  const { seed, suitesDir, repo = null, ...bot } = options;
  const storeDir = mkdtempSync(join(tmpdir(), `perflab-${options.machine}-`));
  const store = await openStore(storeDir);
  let local: LocalBot | undefined;
  const stop = async () => {
    await local?.stop();
    await store.close();
    rmSync(storeDir, { recursive: true, force: true });
  };
  try {
    await seed?.(store);
    local = await startLocalBot({ ...bot, store, suitesDir: suitesDir ?? join(storeDir, 'no-suites'), repo });
    return { store, local, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
