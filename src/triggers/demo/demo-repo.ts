// The demo's throwaway git repository, inside the store: `demo/demo-N` under
// the lab's data directory, a fresh N each time, so a second demo never
// meets the first one's commits or baselines.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { git } from '../../engine/git/git.js';
import type { DemoCommit } from './demo-story.js';

export interface DemoRepo {
  /** The repository's directory (what the watcher is pointed at). */
  dir: string;
  /** `demo-N`: names the suite too. */
  name: string;
  /** Writes the commit's files and commits them as its author; returns the full SHA. */
  commit(commit: DemoCommit): Promise<string>;
}

export async function createDemoRepo(dataDir: string): Promise<DemoRepo> {
  const parent = join(dataDir, 'demo');
  await mkdir(parent, { recursive: true });
  const { dir, name } = await claimNextDir(parent);
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  return {
    dir,
    name,
    async commit(commit) {
      for (const [path, content] of Object.entries(commit.files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      await git(dir, ['add', '--all']);
      // The committer is perflab's demo, the author the story's person; no global git identity needed.
      await git(dir, ['-c', 'user.name=perflab demo', '-c', 'user.email=demo@perflab.invalid', '-c', 'commit.gpgsign=false', 'commit', '--quiet', `--author=${commit.author}`, '-m', commit.subject]);
      return git(dir, ['rev-parse', 'HEAD']);
    },
  };
}

/** The next `demo-N` not taken; `mkdir` without `recursive` fails if it exists, so two demos at once never share one. */
async function claimNextDir(parent: string): Promise<{ dir: string; name: string }> {
  const taken = (await readdir(parent)).map((entry) => /^demo-(\d+)$/.exec(entry)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  for (let n = Math.max(0, ...taken) + 1; ; n++) {
    const name = `demo-${n}`;
    const dir = join(parent, name);
    try {
      await mkdir(dir);
      return { dir, name };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
