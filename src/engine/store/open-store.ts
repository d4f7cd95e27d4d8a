// Opens (creating if needed) the store in `dir`: takes the lock, sweeps what a
// killed process left behind, loads state.json (migrating the store) and
// lists the month folders. Everything else (runs, audit events, results,
// history, archived alerts and baselines) is read on demand, so opening does
// not grow with the store's age.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AuditLog } from './audit-log.js';
import { CaseHistory } from './case-history.js';
import { DiskStore } from './disk-store.js';
import { LineAppender } from './line-file.js';
import { RunLog } from './run-log.js';
import { acquireStoreLock } from './store-lock.js';
import { StoreState } from './store-state.js';
import type { Store } from './store.js';
import { storeLayout } from './store-layout.js';
import { sweepTempFiles } from './sweep-temp-files.js';
import { createWriteQueue } from './write-queue.js';

/**
 * Throws PerflabError StoreLocked (another live perflab process has it),
 * StoreVersion (written by a newer perflab) or StoreCorrupt (a file that
 * does not parse, named in the message).
 */
export function openStore(dir: string): Promise<Store> {
  return openDiskStore(dir);
}

/** `openStore`, typed as the lowdb store, for what only it has (`compact`). */
export async function openDiskStore(dir: string): Promise<DiskStore> {
  const layout = storeLayout(resolve(dir));
  await mkdir(layout.root, { recursive: true });
  const lock = await acquireStoreLock(layout.root, layout.lockFile);
  try {
    await sweepTempFiles(layout);
    const appender = new LineAppender();
    const state = await StoreState.load(layout, appender);
    const [runs, history, audit] = await Promise.all([RunLog.open(layout, appender), CaseHistory.open(layout, appender), AuditLog.open(layout, appender)]);
    return new DiskStore({ layout, lock, queue: createWriteQueue(), appender, state, runs, history, audit });
  } catch (error) {
    await lock.release();
    throw error;
  }
}
