// A watched repository lives in perflab's store as a bare mirror: fetched on
// every poll, checked out into throw-away worktrees, never touched by hand.
// The same code serves a remote URL and a local path.
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { git, resolveCommit } from './git.js';

export interface CommitInfo {
  commit: string;
  author: string;
  subject: string;
}

/** Where the mirror of `url` lives under `storeDir`. */
export function mirrorDir(storeDir: string, url: string): string {
  const name = basename(url.replace(/\/+$/, '')).replace(/\.git$/, '').replace(/[^\w.-]/g, '_') || 'repo';
  return join(storeDir, 'repos', `${name}-${createHash('sha256').update(url).digest('hex').slice(0, 10)}.git`);
}

/** Every mirror the store holds. */
export async function listMirrors(storeDir: string): Promise<string[]> {
  const parent = join(storeDir, 'repos');
  // No repos folder yet: nothing was ever watched.
  const names = await readdir(parent).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((name) => name.endsWith('.git')).map((name) => join(parent, name));
}

/** A remote URL stays as it is; a local path becomes absolute, so the mirror does not depend on the working directory. */
export function normalizeRepoUrl(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url) || isAbsolute(url) ? url : resolve(url);
}

/** Clones the mirror the first time, fetches it afterwards (branches deleted upstream go too). Returns its directory. */
export async function syncMirror(storeDir: string, url: string): Promise<string> {
  const dir = mirrorDir(storeDir, url);
  if (await stat(join(dir, 'HEAD')).then(() => true, () => false)) {
    await git(dir, ['fetch', '--prune', '--quiet', 'origin', '+refs/heads/*:refs/heads/*']);
  } else {
    await mkdir(join(storeDir, 'repos'), { recursive: true });
    await git(join(storeDir, 'repos'), ['clone', '--bare', '--quiet', '--', url, dir]);
  }
  return dir;
}

/**
 * Commits on `branch` after `since`, oldest first, following first parents
 * (a merged branch counts as its merge commit). Without `since` (a branch
 * never seen) or when `since` is no longer in the branch's history (a force
 * push), only the tip: perflab does not replay a repository's whole past.
 */
export async function commitsSince(dir: string, branch: string, since: string | undefined): Promise<string[]> {
  const tip = await resolveCommit(dir, `refs/heads/${branch}`);
  if (since === tip) return [];
  if (!since || !(await isAncestor(dir, since, tip))) return [tip];
  return commitsBetween(dir, since, tip);
}

/** Commits after `from` up to and including `to`, oldest first, following first parents; empty when `from` is not an ancestor of `to`. */
export async function commitsBetween(dir: string, from: string, to: string): Promise<string[]> {
  if (!(await isAncestor(dir, from, to))) return [];
  const list = await git(dir, ['rev-list', '--reverse', '--first-parent', `${from}..${to}`]);
  return list.split('\n').filter(Boolean);
}

export async function commitInfo(dir: string, commit: string): Promise<CommitInfo> {
  const [author = '', subject = ''] = (await git(dir, ['log', '-1', '--format=%an%x00%s', commit])).split('\0');
  return { commit, author, subject };
}

async function isAncestor(dir: string, ancestor: string, of: string): Promise<boolean> {
  try {
    await git(dir, ['merge-base', '--is-ancestor', ancestor, of]);
    return true;
  } catch {
    return false;
  }
}
