// The real bot measuring a git repository made for the test, whose first
// commit holds the spin suite, with a store of its own in a temp folder: what
// the bot tests that run real suites from Slack start before their tests.
import { join } from 'node:path';
import { startBotWithStore, type BotWithStore, type BotWithStoreOptions } from './bot-with-store.js';
import { spinSuite, tempRepo, type TempRepo } from './temp-repo.js';

/** Short measurements: these tests are about what the bot does with a verdict, not its precision. */
const FAST = { timeBudgetMs: 60, minSamples: 5, warmupMs: 10 };

export interface BotOnSpinRepo extends BotWithStore {
  repo: TempRepo;
  /** Stops the bot and then the workspace, closes the store, and removes the store's folder and the repository. */
  stop(): Promise<void>;
}

export async function startBotOnSpinRepo(options: Omit<BotWithStoreOptions, 'suitesDir' | 'repo' | 'overrides'>): Promise<BotOnSpinRepo> {
  const repo = tempRepo();
  try {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    const bot = await startBotWithStore({ ...options, suitesDir: join(repo.dir, 'suites'), repo: repo.dir, overrides: FAST });
    const stop = async () => {
      await bot.stop();
      repo.remove();
    };
    return { ...bot, repo, stop };
  } catch (error) {
    repo.remove();
    throw error;
  }
}
