// The `perflab` command as a user runs it: a real process, a real git
// repository, a real store on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const FAST = ['--time-budget', '60', '--min-samples', '5', '--no-canary', '--quiet'];

let repo: TempRepo;
let store: string;
let secondVerdict: string;

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, PERFLAB_STORE: store, PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  repo = tempRepo();
  store = mkdtempSync(join(tmpdir(), 'perflab-cli-store-'));
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('spin at factor 1');
});

afterAll(() => {
  repo.remove();
  rmSync(store, { recursive: true, force: true });
});

describe('perflab CLI', () => {
  it('prints help with every command and exits 0', () => {
    const r = perflab('--help');
    expect(r.code).toBe(0);
    for (const command of ['run', 'baseline', 'history', 'compare']) expect(r.stdout).toContain(command);
  });

  it('answers an unknown command with exit code 2 and a hint', () => {
    const r = perflab('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain('perflab --help');
  });

  it('answers an unknown option and a malformed number with exit code 2', () => {
    expect(perflab('run', '--bogus').stderr).toContain("unknown option '--bogus'");
    const r = perflab('run', '--time-budget', 'soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected a positive whole number, got "soon"');
  });

  it('writes the documented JSON for every result', () => {
    const r = perflab('run', '--json', ...FAST);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ caseId: 'spin/work', suite: 'spin', name: 'work', mode: 'bench', unit: 'ns', verdict: 'no-baseline' });
    expect(report.results[0].summary.median).toBeGreaterThan(0);
    expect(report.run.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('writes JSON to a file and the table to the terminal', () => {
    const file = join(store, 'out.json');
    const r = perflab('run', '--json', file, ...FAST);
    expect(r.code).toBe(0);
    // Same code as the baseline: no change can be confirmed (on a loaded machine it may be too noisy to say).
    const verdict = JSON.parse(readFileSync(file, 'utf8')).results[0].verdict;
    expect(['unchanged', 'unstable']).toContain(verdict);
    expect(r.stdout).toMatch(new RegExp(`spin/work.*${verdict}`));
    secondVerdict = verdict;
  }, 180_000);

  it('shows the history of a case as JSON', () => {
    const r = perflab('history', 'spin/work', '--json');
    expect(r.code).toBe(0);
    const { entries } = JSON.parse(r.stdout);
    expect(entries.map((e: { verdict: string }) => e.verdict)).toEqual(['no-baseline', secondVerdict]);
  });

  it('accepts a baseline with who and why, and shows it', () => {
    const accepted = perflab('baseline', 'accept', 'spin/work', '--reason', 'new CI runner');
    expect(accepted.code).toBe(0);
    const shown = perflab('baseline', 'show', 'spin/work');
    expect(shown.stdout).toContain('new CI runner');
    expect(shown.stdout).toMatch(/cli:\S+/);
    expect(shown.stdout).toContain('first result on this machine'); // the earlier baseline is kept
  });

  it('refuses to accept an unknown case, naming the known ones', () => {
    const r = perflab('baseline', 'accept', 'nope/none');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no results for "nope/none"');
    expect(r.stderr).toContain('spin/work');
  });

  it('exits 2 and names the file when a suite is broken', () => {
    const broken = tempRepo();
    try {
      broken.write('suites/broken.ts', 'export default defineSuite({ name: "x", bench: {');
      broken.commit('broken');
      const r = spawnSync(process.execPath, [BIN, 'run', ...FAST], { cwd: broken.dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(broken.dir, '.perflab'), NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain('broken.ts');
      expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    } finally {
      broken.remove();
    }
  });

  it('exits 2 with a clear message when the suites directory does not exist', () => {
    const r = perflab('run', '--suites', 'nowhere', ...FAST);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such directory');
  });

  it('compares two commits interleaved and fails on a confirmed regression when asked', () => {
    repo.write('suites/spin.ts', spinSuite(3));
    repo.commit('three times the work');
    const r = perflab('compare', 'HEAD~1', 'HEAD', '--fail-on-regression', '--time-budget', '60');
    expect(r.stdout).toMatch(/spin\/work.*regressed/);
    expect(r.code).toBe(1);
  }, 180_000);

  it('fails the run on a confirmed regression with --fail-on-regression', () => {
    const r = perflab('run', '--fail-on-regression', ...FAST);
    expect(r.stdout).toMatch(/spin\/work.*regressed/);
    expect(r.stdout).toContain('perflab baseline accept spin/work');
    expect(r.code).toBe(1);
  }, 180_000);

  it('stops on Ctrl-C, records what was measured, and exits 130', async () => {
    const other = tempRepo();
    try {
      other.write('suites/a.ts', spinSuite(1, 'a'));
      other.write('suites/b.ts', spinSuite(1, 'b'));
      other.commit('two suites');
      const otherStore = join(other.dir, '.perflab');
      const child = spawn(process.execPath, [BIN, 'run', '--time-budget', '3000', '--min-samples', '5', '--no-canary'], {
        cwd: other.dir,
        env: { ...process.env, PERFLAB_STORE: otherStore, PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Interrupt while the second case is being measured.
        if (/^a\/work: /m.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(130);
      expect(stderr).toContain('stopping: recording what was measured');

      const history = spawnSync(process.execPath, [BIN, 'history', 'a/work', '--json'], { cwd: other.dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: otherStore, PERFLAB_MACHINE: 'cli-test' } });
      expect(JSON.parse(history.stdout).entries).toHaveLength(1);
    } finally {
      other.remove();
    }
  });

  it('serve says which variable to set when its port is taken, and exits 2', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const r = spawnSync(process.execPath, [BIN, 'serve', '--store', join(store, 'serve')], {
        cwd: repo.dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, PORT: String(port), SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', NO_COLOR: '1' },
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`port ${port} is already in use`);
      expect(r.stderr).toContain('set PORT');
    } finally {
      server.close();
    }
  });

  it('serve stops at once, naming the variable, when the Slack settings contradict each other', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve'], { cwd: repo.dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET');
  });
});

describe('perflab ci', () => {
  it('fails the build on a confirmed regression and writes the report, or warns with --warn-only', () => {
    const ci = tempRepo();
    try {
      ci.write('suites/spin.ts', spinSuite(1));
      ci.commit('base');
      ci.write('suites/spin.ts', spinSuite(3));
      ci.commit('three times the work');
      const summary = join(ci.dir, 'summary.md');
      const env = { ...process.env, GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: '', NO_COLOR: '1' };

      const red = spawnSync(process.execPath, [BIN, 'ci', '--base', 'HEAD~1', '--report', 'report.md', '--json', 'report.json', '--time-budget', '60'], { cwd: ci.dir, encoding: 'utf8', env });
      expect(red.status).toBe(1);
      const report = readFileSync(join(ci.dir, 'report.md'), 'utf8');
      expect(report).toMatch(/\| spin\/work \| \+\d+\.\d% \|.*regressed \|/);
      expect(report).toContain('regression(s)** confirmed');
      expect(readFileSync(summary, 'utf8')).toBe(report);
      expect(JSON.parse(readFileSync(join(ci.dir, 'report.json'), 'utf8'))).toMatchObject({ base: 'HEAD~1', comparisons: [{ caseId: 'spin/work', verdict: 'regressed' }] });

      const yellow = spawnSync(process.execPath, [BIN, 'ci', '--base', 'HEAD~1', '--warn-only', '--time-budget', '60'], { cwd: ci.dir, encoding: 'utf8', env });
      expect(yellow.status).toBe(4);
    } finally {
      ci.remove();
    }
  });

  it('says what is wrong when the base does not exist', () => {
    const ci = tempRepo();
    try {
      ci.write('suites/spin.ts', spinSuite(1));
      ci.commit('only commit');
      const r = spawnSync(process.execPath, [BIN, 'ci', '--base', 'no-such-branch'], { cwd: ci.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('unknown revision "no-such-branch"');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      ci.remove();
    }
  });
});

