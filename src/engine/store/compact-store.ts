// `perflab store compact`: opens the store (taking its lock, so no running
// perflab is writing it), compacts it and closes it.
import type { CompactOptions, CompactReport } from './compact-options.js';
import { openDiskStore } from './open-store.js';

export async function compactStore(dir: string, options: CompactOptions = {}): Promise<CompactReport> {
  const store = await openDiskStore(dir);
  try {
    return await store.compact(options);
  } finally {
    await store.close();
  }
}
