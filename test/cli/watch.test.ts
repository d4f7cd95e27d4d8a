// `perflab watch --once` as a cron job or git hook would run it: a real
// process, a real repository, a real store; each call takes in only what is new.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));

let repo: TempRepo;
let work: string;

function watch(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'watch', ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(work, 'store'), PERFLAB_MACHINE: 'watch-test', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  repo = tempRepo();
  work = mkdtempSync(join(tmpdir(), 'perflab-watch-cli-'));
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('spin');
});

afterAll(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('perflab watch', () => {
  it('--once measures what is new, prints an alert for a slow commit (exit 1), and then finds nothing new (exit 0)', () => {
    const once = ['--repo', repo.dir, '--once', '--time-budget', '60', '--no-canary'];
    const first = watch(...once);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/spin\/work .* no-baseline/);

    repo.write('suites/spin.ts', spinSuite(3));
    const slow = repo.commit('three times the work');
    const second = watch(...once);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`ALERT`);
    expect(second.stdout).toContain(`regression at ${slow.slice(0, 12)}: spin/work`);

    const third = watch(...once);
    expect(third).toMatchObject({ code: 0, stdout: 'no new commits\n' });
  });

  it('without a repository to watch, or with a bad option, says what to do and exits 2', () => {
    expect(watch('--once')).toMatchObject({ code: 2, stderr: expect.stringContaining('nothing to watch: pass --repo') });
    expect(watch('--repo', repo.dir, '--branch', 'bad name', '--once')).toMatchObject({ code: 2, stderr: expect.stringContaining('--branches') });
    expect(watch('--repo', join(work, 'no-such-repo'), '--once')).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot fetch the repository: git clone .*no-such-repo/) });
  });
});
