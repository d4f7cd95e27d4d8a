// Who wrote each commit a page shows, for the chart's tooltips: one `git log`
// per repository (the suites' checkout and the watched repositories'
// mirrors) rather than one process per commit — a year of history names
// thousands of commits.
import { git } from '../engine/git/git.js';
import { listMirrors } from '../engine/git/mirror.js';

/** Commits read per repository at most: enough for a year of commits on a busy project. */
const MAX_COMMITS = 50_000;

/** Author names by full SHA, for those of `commits` found in a repository; commits from elsewhere (pushed by CI) are left out. */
export async function commitAuthors(repo: string | null, storeDir: string, commits: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = new Set([...commits].filter((c): c is string => c !== null));
  const authors = new Map<string, string>();
  if (wanted.size === 0) return authors;
  for (const dir of [...(repo ? [repo] : []), ...(await listMirrors(storeDir))]) {
    let log: string;
    try {
      log = await git(dir, ['log', '--all', `--max-count=${MAX_COMMITS}`, '--format=%H%x09%an']);
    } catch {
      continue; // not a repository any more, or an empty one
    }
    for (const line of log.split('\n')) {
      const tab = line.indexOf('\t');
      const sha = line.slice(0, tab);
      if (tab > 0 && wanted.has(sha) && !authors.has(sha)) authors.set(sha, line.slice(tab + 1));
    }
    if (authors.size === wanted.size) break;
  }
  return authors;
}
