// What every CLI command needs: where the store is, which machine this is,
// who is acting. Defaults in one place.
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openStore } from '../engine/store/open-store.js';
import type { Store } from '../engine/store/store.js';

export const DEFAULT_STORE = '.perflab';

export function addStoreOption(command: Command): Command {
  return command.option('--store <dir>', `store directory (default: $PERFLAB_STORE or ${DEFAULT_STORE})`);
}

export function storeDir(option: string | undefined): string {
  return resolve(option ?? process.env.PERFLAB_STORE ?? DEFAULT_STORE);
}

/** Baselines are per machine: `PERFLAB_MACHINE`, or the host name. */
export function machineName(): string {
  return process.env.PERFLAB_MACHINE || hostname();
}

export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return `cli:${name}`;
}

/** Opens the store, runs `fn`, and always releases the store's lock. */
export async function withStore<T>(option: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeDir(option));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
