// `perflab stress` as a user runs it: a real process, real scenarios, a store on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const SUITES = fileURLToPath(new URL('../fixtures/stress/', import.meta.url));
let store: string;

const env = () => ({ ...process.env, PERFLAB_STORE: store, PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' });

function perflab(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'stress', '--suites', SUITES, ...args], { encoding: 'utf8', env: env() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  store = mkdtempSync(join(tmpdir(), 'perflab-cli-stress-'));
});

afterAll(() => {
  rmSync(store, { recursive: true, force: true });
});

describe('perflab stress', () => {
  it('exits 0 and prints the verdict table when every scenario passes', () => {
    const r = perflab('fixture/fast http');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fixture\/fast http.*closed ×4.*passed/);
  });

  it('exits 1 when a scenario fails, naming the threshold', () => {
    const r = perflab('fixture/slow http', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results[0]).toMatchObject({ caseId: 'fixture/slow http', verdict: 'threshold-failed' });
    expect(report.results[0].findings[0].title).toContain('p99 < 5ms failed');
    expect(report.results[0].metrics.map((m: { caseId: string }) => m.caseId)).toEqual(['fixture/slow http:p99', 'fixture/slow http:throughput', 'fixture/slow http:errors']);
  });

  it('keeps each stress metric as a history series, shown in its own unit', () => {
    const r = spawnSync(process.execPath, [BIN, 'history', 'fixture/slow http:throughput'], { encoding: 'utf8', env: env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d req\/s/);
  });

  it('exits 2 for a duration that does not parse and for a pattern that matches nothing', () => {
    const bad = perflab('fixture', '--duration', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"soon" is not a duration');
    const none = perflab('no-such-scenario');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no stress scenario matches "no-such-scenario"');
  });

  it('stops cleanly on Ctrl-C with exit code 130', async () => {
    const child = spawn(process.execPath, [BIN, 'stress', '--suites', SUITES, 'fixture/fast http', '--duration', '30s'], { env: env() });
    let stderr = '';
    let stdout = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // One Ctrl-C once the scenario has started (a second one would quit at once).
      if (/fixture\/fast http: closed/.test(stderr) && !interrupted) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 1500);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('stopping');
    // The clean path: the store was closed and the (empty) run reported.
    expect(stdout).toContain('stress run');
  });
});
