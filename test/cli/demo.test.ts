// `perflab demo` as a newcomer runs it: a real process, a real store on disk,
// real git and real workers. The story must end the way the README promises:
// a confirmed alert, the bisection naming the slow commit, a PNG chart, exit 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));

let work: string;

function demo(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'demo', '--store', join(work, 'store'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PERFLAB_MACHINE: 'demo-test', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The commit of the demo repository whose subject is `subject` (asked of git, not of perflab). */
function commitOf(repo: string, subject: string): string {
  const log = spawnSync('git', ['log', '--format=%H %s'], { cwd: repo, encoding: 'utf8' }).stdout;
  const line = log.split('\n').find((l) => l.slice(41) === subject);
  if (!line) throw new Error(`no commit "${subject}" in ${repo}:\n${log}`);
  return line.slice(0, 40);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'perflab-demo-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('perflab demo', () => {
  it('tells the story to its end: the alert, the slow commit named by the bisection, the chart; exit 0', () => {
    const run = demo();
    expect(run.stderr).not.toMatch(/did not end/);
    expect(run.code).toBe(0);

    const repo = join(work, 'store', 'demo', 'demo-1');
    const slow = commitOf(repo, 'Mix each block one more round');
    expect(run.stdout).toMatch(/ALERT \S+-regression: regression at [0-9a-f]{12}: demo-1\/checksum 16KB/);
    expect(run.stdout).toContain(`culprit     ${slow.slice(0, 12)} by Alan Turing: Mix each block one more round`);
    const chart = /chart\s+(\S+\.png)/.exec(run.stdout)?.[1];
    expect(chart).toBe(join(work, 'store', 'demo', 'demo-1.png'));
    expect(readFileSync(chart as string).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('gives up with the reason and exit 1 when the alert does not come in time, and a second demo gets a fresh repository', () => {
    const run = demo('--timeout', '1');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The demo did not end in an alert naming the slow commit: no alert within 1 s');
    expect(run.stderr).toContain(join(work, 'store', 'demo', 'demo-2'));
  });
});
