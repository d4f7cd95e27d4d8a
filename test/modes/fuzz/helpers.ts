// What the fuzz tests share: fixture suite directories, a store on a temp
// dir and a real pool, both closed when the test ends.
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { openStore } from '../../../src/engine/store/open-store.js';
import type { Store } from '../../../src/engine/store/store.js';
import { FuzzPool } from '../../../src/modes/fuzz/fuzz-pool.js';
import { tempDir } from '../../engine/store/helpers/store-fixtures.js';

export function fixtureSuites(name: 'mixed' | 'buggy' | 'fixed' | 'env-dependent' | 'memory-hungry' | 'async-hang'): string {
  return fileURLToPath(new URL(`../../fixtures/fuzz/${name}`, import.meta.url));
}

export async function tempStore(): Promise<Store> {
  const store = await openStore(await tempDir());
  onTestFinished(() => store.close());
  return store;
}

export function testPool(workers = 2): FuzzPool {
  const pool = new FuzzPool({ workers });
  onTestFinished(() => pool.close());
  return pool;
}

export const TRIGGER = { kind: 'cli', by: 'cli:test' } as const;
