// Where compiled modules live: a directory of this user's own, holding
// content-addressed modules (`modules/<hash>.mjs`) and one manifest per entry
// point (`entries/<key>.json`). Every file is written to a temporary name and
// renamed into place, so two perflab processes sharing the cache each see a
// whole file or none, never a torn one.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `PERFLAB_CACHE_DIR` overrides where compiled modules are kept (e.g. beside the store). */
const CACHE_DIR_ENV = 'PERFLAB_CACHE_DIR';

let chosen: string | undefined;

/** The cache root; created on first use, with `modules/` and `entries/` in it. */
export function cacheDir(): string {
  chosen ??= prepare(process.env[CACHE_DIR_ENV] || join(tmpdir(), `perflab-cache-${process.getuid?.() ?? 'user'}`));
  return chosen;
}

/** sha-256, hex. */
export function hashOf(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined; // missing or torn by a crash mid-write elsewhere: treat as absent
  }
}

/** Writes `content` to a temp file beside `path`, then renames it over `path`. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A module or manifest nobody used for this long is deleted (worktrees of past compares and bisects leave many), ms. */
const UNUSED_FOR_MS = 14 * 24 * 3_600_000;

/** Marks a cache file as used, so pruning leaves it alone. */
export async function touch(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}

let pruned = false;

/** `pruneCache`, once per process. */
export async function pruneOnce(): Promise<void> {
  if (pruned) return;
  pruned = true;
  await pruneCache();
}

/**
 * Deletes what no perflab used for two weeks. A process that still wants
 * such a module touches it before it checks it exists, and rebuilds it if
 * it is gone.
 */
export async function pruneCache(unusedForMs = UNUSED_FOR_MS): Promise<void> {
  const cutoff = Date.now() - unusedForMs;
  for (const sub of ['entries', 'modules']) {
    const dir = join(cacheDir(), sub);
    for (const name of await readdir(dir).catch(() => [])) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}

/**
 * Modules in the cache are run as code, so the directory must be ours alone:
 * in a shared /tmp, a directory someone else made (or can write to) could
 * hold planted modules. Then a private directory for this process is used.
 */
function prepare(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const root = isPrivate(dir) ? dir : mkdtempSync(join(tmpdir(), 'perflab-cache-'));
  mkdirSync(join(root, 'modules'), { recursive: true, mode: 0o700 });
  mkdirSync(join(root, 'entries'), { recursive: true, mode: 0o700 });
  return root;
}

function isPrivate(dir: string): boolean {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) return false;
  const uid = process.getuid?.();
  if (uid === undefined) return true; // Windows: no owner bits to check
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}
