// A process killed in the middle of a write leaves steno's temp file
// (`.<name>.tmp`) beside the real one, which is intact. The next write of that
// file would overwrite it, but a results file is written only once, so sweep
// them at open, under the lock. Only where writes happen: the store root,
// runs/, audit/ and the newest month of results/ and history/ (older months
// are not written to in practice, and listing them would make opening cost
// the length of history).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listMonths } from './list-months.js';
import type { StoreLayout } from './store-layout.js';

const TEMP_FILE = /^\..+\.tmp$/;
// The lock's own drafts belong to whichever process is acquiring the lock.
const LOCK_DRAFT = /^\.lock\./;

export async function sweepTempFiles(layout: StoreLayout): Promise<void> {
  const dirs = [layout.root, layout.runsDir, layout.auditDir];
  for (const parent of [layout.resultsDir, layout.historyDir]) {
    const newest = (await listMonths(parent, 'dirs')).at(-1);
    if (newest) dirs.push(join(parent, newest));
  }
  for (const dir of dirs) {
    for (const name of await namesIn(dir)) {
      if (TEMP_FILE.test(name) && !LOCK_DRAFT.test(name)) await rm(join(dir, name), { force: true });
    }
  }
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
