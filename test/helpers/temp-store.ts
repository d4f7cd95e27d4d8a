// A fresh real store on disk for each test of a file, in its own temp folder;
// closed and removed after the test. Call at the top of a test file (or of a
// describe), before the hooks that use the store: it registers its own.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import { useTempFolder } from './temp-folder.js';

export interface ReopenOptions {
  /** Deletes what the store wrote, so it opens empty. Default: false (it opens with what it held). */
  empty?: boolean;
}

export interface TempStore {
  /** The current test's store folder. */
  readonly dir: string;
  /** The current test's store, open. */
  readonly store: Store;
  /** Closes the store and opens its folder again, as a restart would; returns the new store (also `store` from now on). */
  reopen(options?: ReopenOptions): Promise<Store>;
}

export function useTempStore(prefix: string): TempStore {
  const folder = useTempFolder(prefix);
  let store: Store | undefined;
  const current = (): Store => {
    if (!store) throw new Error('useTempStore: the store is open only inside a test (or a hook registered after useTempStore)');
    return store;
  };
  beforeEach(async () => {
    store = await openStore(folder.dir);
  });
  // Vitest runs afterEach hooks in reverse order (sequence.hooks 'stack'), so
  // this closes the store before useTempFolder removes its folder, and after
  // the test file's own afterEach hooks have stopped what used the store.
  afterEach(async () => {
    const closing = store;
    store = undefined;
    await closing?.close();
  });
  return {
    get dir() {
      return folder.dir;
    },
    get store() {
      return current();
    },
    async reopen({ empty = false } = {}) {
      const closing = current();
      store = undefined;
      await closing.close();
      if (empty) for (const entry of readdirSync(folder.dir)) rmSync(join(folder.dir, entry), { recursive: true, force: true });
      store = await openStore(folder.dir);
      return store;
    },
  };
}
