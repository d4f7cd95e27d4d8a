// Many concurrent writers to one store: each write reads a record, works on
// it (an await, as real I/O would), and writes it back with a version check
// (compare-and-set). A writer that loses the race retries; one that loses it
// ten times gives up (`ConflictError`). Every accepted write is read back:
// a write that is not there was lost (`LostWriteError`). Errors are counted
// by kind, so conflicts given up and lost writes show separately.
import { setImmediate as io } from 'node:timers/promises';
import { defineSuite } from 'perflab';

class ConflictError extends Error {
  override name = 'ConflictError';
}
class LostWriteError extends Error {
  override name = 'LostWriteError';
}

interface Doc {
  version: number;
  writers: number[];
}

/** An in-memory document store with optimistic concurrency, as many databases offer it. */
class VersionedStore {
  #docs = new Map<string, Doc>();

  async read(key: string): Promise<Doc> {
    await io();
    const doc = this.#docs.get(key) ?? { version: 0, writers: [] };
    return { version: doc.version, writers: [...doc.writers] };
  }

  /** Writes only if nobody wrote since `expected` was read. */
  async compareAndSet(key: string, expected: number, writers: number[]): Promise<boolean> {
    await io();
    const current = this.#docs.get(key)?.version ?? 0;
    if (current !== expected) return false;
    this.#docs.set(key, { version: current + 1, writers: writers.slice(-100) });
    return true;
  }
}

const RETRIES = 10;
/** Keys the writers share: few keys, many writers, so they collide. */
const KEYS = 8;

export default defineSuite({
  name: 'store',
  stress: {
    'concurrent writers': {
      target: {
        setup: () => ({ store: new VersionedStore(), next: 0 }),
        fn: async (state: { store: VersionedStore; next: number }) => {
          const id = state.next++;
          const key = `doc-${id % KEYS}`;
          for (let attempt = 0; attempt <= RETRIES; attempt++) {
            const doc = await state.store.read(key);
            if (await state.store.compareAndSet(key, doc.version, [...doc.writers, id])) {
              const after = await state.store.read(key);
              if (!after.writers.includes(id) && after.version === doc.version + 1) throw new LostWriteError(`write ${id} to ${key} is gone`);
              return;
            }
          }
          throw new ConflictError(`write ${id} to ${key} lost the race ${RETRIES + 1} times`);
        },
      },
      load: { concurrency: 32 },
      duration: '2s',
      thresholds: ['errors < 5%', 'p99 < 250ms'],
    },
  },
});
