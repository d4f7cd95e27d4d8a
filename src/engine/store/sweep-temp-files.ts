// A process killed in the middle of a write leaves steno's temp file
// (`.<name>.tmp`) beside the real one, which is intact. The next write of that
// file would overwrite it, but a results file is written only once, so sweep
// them at open, under the lock. Only where steno writes: the store root
// (state.json), the folders a migration writes (runs/, audit/, alerts/,
// baselines/) and the newest month of results/ (and of history/, where
// schema 2 wrote). Older months are rewritten only by compaction, which
// sweeps what it touches; listing them here would make opening cost the
// length of history.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ifExistsAsync } from './if-exists.js';
import { listMonths } from './list-months.js';
import type { StoreLayout } from './store-layout.js';

const TEMP_FILE = /^\..+\.tmp$/;
// The lock's own drafts belong to whichever process is acquiring the lock.
const LOCK_DRAFT = /^\.lock\./;

export async function sweepTempFiles(layout: StoreLayout): Promise<void> {
  const dirs = [layout.root, layout.runsDir, layout.auditDir, layout.alertsDir, layout.baselinesDir];
  for (const parent of [layout.resultsDir, layout.historyDir]) {
    const newest = (await listMonths(parent, 'dirs')).at(-1);
    if (newest) dirs.push(join(parent, newest));
  }
  for (const dir of dirs) await sweepTempFilesIn(dir);
}

/** Removes steno's temp files from one folder (not the lock's drafts). */
export async function sweepTempFilesIn(dir: string): Promise<void> {
  for (const name of await namesIn(dir)) {
    if (TEMP_FILE.test(name) && !LOCK_DRAFT.test(name)) await rm(join(dir, name), { force: true });
  }
}

async function namesIn(dir: string): Promise<string[]> {
  return (await ifExistsAsync(() => readdir(dir))) ?? [];
}
