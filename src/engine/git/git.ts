// The few git facts perflab needs, asked of the `git` command itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ErrorCode, PerflabError } from '../errors.js';

const exec = promisify(execFile);

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr ?? e.message).trim().split('\n').at(-1);
    throw new PerflabError(ErrorCode.Git, `git ${args.join(' ')}: ${detail}`, { cause: error });
  }
}

export interface Checkout {
  /** Top of the work tree. */
  root: string;
  commit: string;
  /** Uncommitted changes to tracked files. */
  dirty: boolean;
}

/** The checkout that contains `dir`, or null when `dir` is not in a git work tree (or has no commit yet). */
export async function describeCheckout(dir: string): Promise<Checkout | null> {
  try {
    const root = await git(dir, ['rev-parse', '--show-toplevel']);
    const commit = await git(dir, ['rev-parse', 'HEAD']);
    const status = await git(dir, ['status', '--porcelain', '--untracked-files=no']);
    return { root, commit, dirty: status.length > 0 };
  } catch {
    return null;
  }
}

/** Full SHA of `ref`, or a clear error naming the ref. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return await git(repo, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new PerflabError(ErrorCode.UnknownRef, `unknown revision "${ref}" in ${repo}`);
  }
}

export async function hasCommit(repo: string, sha: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** True when `file` (absolute, inside `root`'s work tree) is tracked by git there. */
export async function isTracked(root: string, file: string): Promise<boolean> {
  try {
    await git(root, ['ls-files', '--error-unmatch', '--', file]);
    return true;
  } catch {
    return false;
  }
}
