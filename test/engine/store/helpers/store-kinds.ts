// The two implementations of the Store contract, as the contract suite runs
// them (`describe.each(storeKinds)`): each makes a fresh, empty place per test
// and opens a store there as often as the test likes (to check what survives
// reopening).
import { openStore } from '../../../../src/engine/store/open-store.js';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import type { Store } from '../../../../src/engine/store/store.js';
import { freshSchemaUrl } from './pg-database.js';
import { tempDir } from './store-fixtures.js';

export interface StorePlace {
  /** Opens (the first time: creates) the store of this place. */
  open(): Promise<Store>;
}

export interface StoreKind {
  name: 'lowdb' | 'postgres';
  /** An empty place for one test; what is left there goes when the test (lowdb) or the run (postgres) ends. */
  place(): Promise<StorePlace>;
}

export const lowdbKind: StoreKind = {
  name: 'lowdb',
  async place() {
    const dir = await tempDir();
    return { open: () => openStore(dir) };
  },
};

export const postgresKind: StoreKind = {
  name: 'postgres',
  async place() {
    const [url, dir] = await Promise.all([freshSchemaUrl(), tempDir()]);
    return { open: () => openPgStore(url, { dir }) };
  },
};

export const storeKinds: readonly StoreKind[] = [lowdbKind, postgresKind];

/** A new empty store of `kind`, for tests that never reopen it. */
export async function openFresh(kind: StoreKind): Promise<Store> {
  return (await kind.place()).open();
}
