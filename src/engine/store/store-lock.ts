// One perflab process per store. The lock is a file holding the owner's pid.
//
// Staleness is decided by asking the OS whether that pid is alive, not by the
// file's age (proper-lockfile's approach), so a store is usable again the
// moment its owner is killed, even by SIGKILL, and never stolen from a live
// owner that happens to be idle.
import { randomUUID } from 'node:crypto';
import { link, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ErrorCode, PerflabError } from '../errors.js';
import { ifExistsAsync, isMissing } from './if-exists.js';

export interface StoreLock {
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

const ATTEMPTS = 5; // each attempt loses a race to another process; more means something is wrong

/**
 * Lock files (by real path) this process holds or is acquiring. A lock file
 * naming our own pid that is not in here was left by an earlier process that
 * had the same pid: the usual case in a container, where perflab restarts
 * with the same small pid every time.
 */
const held = new Set<string>();

/** Takes the lock of the store in `dir`, taking over a lock left by a dead process. */
export async function acquireStoreLock(dir: string, lockFile: string): Promise<StoreLock> {
  // The real path, so that two spellings of one directory (a symlink) are one store.
  const key = join(await realpath(dir), basename(lockFile));
  if (held.has(key)) throw lockedError(dir, process.pid);
  held.add(key);
  try {
    await takeLockFile(dir, lockFile);
  } catch (error) {
    held.delete(key);
    throw error;
  }
  return {
    release: async () => {
      if (!held.delete(key)) return;
      if ((await readHolder(lockFile)) === process.pid) await rm(lockFile, { force: true });
    },
  };
}

async function takeLockFile(dir: string, lockFile: string): Promise<void> {
  // link(2) creates the lock with its content in one step (O_EXCL semantics:
  // it fails if the name exists), so no one ever sees an empty lock file.
  const draft = join(dir, `.lock.${process.pid}.${randomUUID()}.tmp`);
  await writeFile(draft, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await link(draft, lockFile);
        return;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const holder = await readHolder(lockFile);
      if (holder === 'missing') continue; // released meanwhile: try again
      if (typeof holder === 'number' && holder !== process.pid && isAlive(holder)) throw lockedError(dir, holder);
      await removeStaleLock(dir, lockFile, holder);
    }
    throw new PerflabError(ErrorCode.StoreLocked, `store ${dir}: could not take the lock after ${ATTEMPTS} attempts; other perflab processes keep taking it`);
  } finally {
    await rm(draft, { force: true });
  }
}

type Holder = number | 'missing' | 'unreadable';

async function readHolder(lockFile: string): Promise<Holder> {
  const text = await ifExistsAsync(() => readFile(lockFile, 'utf8'));
  if (text === undefined) return 'missing';
  const pid = Number(text.trim());
  // Only a hand edit or a power loss (no fsync) can leave something else here.
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
}

/** True when `pid` is a running process (possibly another user's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Moves the stale lock aside rather than deleting it: if another process took
 * it over between our read and now, the file we moved holds a live pid, and we
 * put it back and give up instead of deleting someone else's fresh lock.
 */
async function removeStaleLock(dir: string, lockFile: string, seen: Holder): Promise<void> {
  const aside = join(dir, `.lock.stale.${process.pid}.${randomUUID()}.tmp`);
  try {
    await rename(lockFile, aside);
  } catch (error) {
    if (isMissing(error)) return; // someone else removed it
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved !== seen && typeof moved === 'number' && moved !== process.pid && isAlive(moved)) {
    await link(aside, lockFile).catch(() => undefined);
    await rm(aside, { force: true });
    throw lockedError(dir, moved);
  }
  await rm(aside, { force: true });
}

function lockedError(dir: string, pid: number): PerflabError {
  return new PerflabError(
    ErrorCode.StoreLocked,
    `store ${dir} is in use by perflab process ${pid}; stop it or use --store to pick another directory`,
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
