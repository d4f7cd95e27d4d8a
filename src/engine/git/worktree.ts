// A commit checked out beside the user's tree (never in it), for as long as
// a callback needs it, then removed.
import { mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './git.js';

export async function withWorktree<T>(repo: string, commit: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const parent = await mkdtemp(join(tmpdir(), 'perflab-worktree-'));
  const dir = join(parent, commit.slice(0, 12));
  await git(repo, ['worktree', 'add', '--detach', '--force', dir, commit]);
  try {
    await shareNodeModules(repo, dir);
    return await fn(dir);
  } finally {
    await git(repo, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(repo, ['worktree', 'prune']).catch(() => undefined);
  }
}

/**
 * Suites that import the project's dependencies need node_modules; a fresh
 * worktree has none. Until per-repository build commands exist, borrow the
 * main checkout's (a commit whose dependencies differ should be measured with
 * its own install).
 */
async function shareNodeModules(repo: string, dir: string): Promise<void> {
  const source = join(repo, 'node_modules');
  const exists = await stat(source).then(() => true, () => false);
  const already = await stat(join(dir, 'node_modules')).then(() => true, () => false);
  if (exists && !already) await symlink(source, join(dir, 'node_modules'), 'dir');
}
