// Watches repositories for new commits: fetch each watched repository's
// mirror, find the commits each branch gained since the stored cursor, queue
// them as commit jobs (in batches), and only then move the cursor — so a
// restart neither misses nor repeats a commit. Polls on an interval; a push
// webhook calls `poke` to poll one repository at once.
import { logError } from '../engine/log/logger.js';
import { commitsSince, normalizeRepoUrl, syncMirror } from '../engine/git/mirror.js';
import type { Job } from '../engine/queue/job-queue.js';
import type { WatchedRepo } from '../engine/config/watch-config.js';
import type { JobRequest } from '../lab/lab.js';
import type { JobListener, Lab } from '../lab/lab.js';

export interface WatcherOptions {
  onError?: (context: string, error: unknown) => void;
  /** Told about every job the watcher queues (e.g. to print progress). */
  listener?: JobListener;
}

export class Watcher {
  readonly #lab: Lab;
  readonly #repos: WatchedRepo[];
  readonly #onError: (context: string, error: unknown) => void;
  readonly #listener: JobListener | undefined;
  readonly #timers: NodeJS.Timeout[] = [];
  /** One poll per repository at a time; a poke during a poll polls again after it. */
  readonly #polling = new Map<string, Promise<Job[]>>();

  constructor(lab: Lab, repos: readonly WatchedRepo[], options: WatcherOptions = {}) {
    this.#lab = lab;
    this.#repos = repos.map((repo) => ({ ...repo, url: normalizeRepoUrl(repo.url) }));
    this.#onError = options.onError ?? logError;
    this.#listener = options.listener;
  }

  get repos(): readonly WatchedRepo[] {
    return this.#repos;
  }

  /** Polls every repository now, then each on its own interval. */
  start(): void {
    for (const repo of this.#repos) {
      void this.#pollQuietly(repo);
      const timer = setInterval(() => void this.#pollQuietly(repo), repo.pollSeconds * 1000);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }

  /** Polls every watched repository once; returns the jobs queued. */
  async pollAll(): Promise<Job[]> {
    const jobs: Job[] = [];
    for (const repo of this.#repos) jobs.push(...(await this.poll(repo)));
    return jobs;
  }

  /**
   * A push arrived for `url` (any of a repository's clone URLs): poll the
   * matching watched repositories now. Returns how many matched.
   */
  poke(urls: readonly string[], branch?: string): number {
    const wanted = new Set(urls.map(comparableUrl));
    const matching = this.#repos.filter((repo) => wanted.has(comparableUrl(repo.url)) && (!branch || repo.branches.includes(branch)));
    for (const repo of matching) void this.#pollQuietly(repo);
    return matching.length;
  }

  /**
   * Fetches the repository and queues its branches' new commits. `listener`
   * (default: the watcher's own) hears every job this poll queues from the
   * moment it is queued.
   */
  poll(repo: WatchedRepo, listener: JobListener | undefined = this.#listener): Promise<Job[]> {
    const running = this.#polling.get(repo.url);
    const next = (running ?? Promise.resolve([])).catch(() => []).then(() => this.#pollNow(repo, listener));
    const tracked = next.finally(() => {
      if (this.#polling.get(repo.url) === tracked) this.#polling.delete(repo.url);
    });
    this.#polling.set(repo.url, tracked);
    return tracked;
  }

  async #pollNow(repo: WatchedRepo, listener: JobListener | undefined): Promise<Job[]> {
    const mirror = await syncMirror(this.#lab.dataDir, repo.url);
    const jobs: Job[] = [];
    for (const branch of repo.branches) {
      const cursor = await this.#lab.cursor(repo.url, branch);
      const commits = await commitsSince(mirror, branch, cursor?.commit);
      if (commits.length === 0) continue;
      let parent = cursor?.commit;
      for (let i = 0; i < commits.length; i += repo.maxBatch) {
        const batch = commits.slice(i, i + repo.maxBatch);
        const request: JobRequest<'commit'> = {
          url: repo.url,
          branch,
          suites: repo.suites,
          ...(repo.install ? { install: repo.install } : {}),
          buildTimeoutSeconds: repo.buildTimeoutSeconds,
          ...(repo.canary !== undefined ? { canary: repo.canary } : {}),
          commits: batch,
          ...(parent ? { parent } : {}),
        };
        jobs.push(this.#lab.submit('commit', request, { kind: 'commit', by: `watch:${branch}` }, listener));
        parent = batch.at(-1);
      }
      // The jobs are on disk before the cursor moves: a kill in between repeats nothing (dedupe) and misses nothing.
      await this.#lab.flush();
      await this.#lab.setCursor({ repo: repo.url, branch, commit: commits.at(-1) as string, at: new Date().toISOString() });
    }
    return jobs;
  }

  async #pollQuietly(repo: WatchedRepo): Promise<void> {
    try {
      await this.poll(repo);
    } catch (error) {
      this.#onError(`polling ${repo.url}`, error);
    }
  }
}

/** `https://host/org/repo.git`, `https://host/org/repo` and `git@host:org/repo.git` are one repository. */
function comparableUrl(url: string): string {
  return url
    .trim()
    .replace(/^[a-z+]+:\/\/(?:[^@/]+@)?/i, '')
    .replace(/^[^@/]+@([^:]+):/, '$1/')
    .replace(/\.git\/?$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}
