// A commit checked out and built with the repository's own install/build
// command (`npm ci`, `make`, …) before anything is measured in it. A build
// that fails is a result — `BuildFailed` with the end of its output — not a
// crash; the caller decides what it means (an alert, or a skipped bisection step).
import { ErrorCode, PerflabError } from '../errors.js';
import { spawn } from 'node:child_process';
import { withWorktree } from './worktree.js';

export class BuildFailed extends PerflabError {
  readonly commit: string;
  /** The last lines of the command's output. */
  readonly output: string;

  constructor(commit: string, command: string, why: string, output: string) {
    super(ErrorCode.BuildFailed, `build failed at ${commit.slice(0, 12)}: \`${command}\` ${why}`);
    this.name = 'BuildFailed';
    this.commit = commit;
    this.output = output;
  }
}

export interface BuildOptions {
  /** Run with `/bin/sh -c` in the checkout; none means nothing to build. */
  command?: string;
  /** Default 15 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const OUTPUT_TAIL = 4000;

/** Runs `fn` with `commit` checked out (beside any other tree) and built. */
export function withBuiltCheckout<T>(repo: string, commit: string, build: BuildOptions, fn: (dir: string) => Promise<T>): Promise<T> {
  return withWorktree(repo, commit, async (dir) => {
    if (build.command) await runBuild(dir, commit, build);
    return fn(dir);
  });
}

function runBuild(dir: string, commit: string, build: BuildOptions): Promise<void> {
  const command = build.command as string;
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout takes the whole build down (npm spawns children).
    const child = spawn('/bin/sh', ['-c', command], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const kill = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let stopped: string | undefined;
    const timer = setTimeout(() => {
      stopped = `did not finish within ${Math.round((build.timeoutMs ?? 900_000) / 1000)} s`;
      kill();
    }, build.timeoutMs ?? 900_000);
    const onAbort = (): void => {
      stopped = 'was cancelled';
      kill();
    };
    build.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new BuildFailed(commit, command, `could not start: ${error.message}`, output));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      build.signal?.removeEventListener('abort', onAbort);
      if (code === 0 && !stopped) resolve();
      else reject(new BuildFailed(commit, command, stopped ?? (code !== null ? `exited with code ${code}` : `was killed by ${signal}`), output.trim()));
    });
  });
}
