// A real git repository in a temp directory, for tests that need commits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  dir: string;
  write(path: string, content: string): void;
  commit(message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export function tempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'perflab-repo-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.org', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.org' },
    }).trim();
  git('init', '-q', '-b', 'main');
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A suite whose one case spins for `factor` × a fixed amount of work (~1 ms at factor 1). */
export function spinSuite(factor: number, name = 'spin'): string {
  return `import { defineSuite } from 'perflab';
const FACTOR = ${factor};
export default defineSuite({
  name: '${name}',
  bench: {
    work: {
      fn: () => {
        let x = 0;
        for (let i = 0; i < 400_000 * FACTOR; i++) x = (x + i * i) % 1_000_003;
        return x;
      },
    },
  },
});
`;
}
