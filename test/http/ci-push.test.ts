// `perflab ci --push` end to end: the real CLI in a real git repository,
// pushing to a real API server that stores into a real store.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/http/http-server.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import { ingestInto } from './results-fixtures.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const TOKEN = 'ci-push-token-0123456789abcdef';

let repo: TempRepo;
let dir: string;
let store: Store;
let server: ApiServer;
const logged: string[] = [];

beforeAll(async () => {
  repo = tempRepo();
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('base');
  repo.write('suites/spin.ts', spinSuite(3));
  repo.commit('three times the work');
  dir = mkdtempSync(join(tmpdir(), 'perflab-push-store-'));
  store = await openStore(dir);
  server = await startApiServer({
    port: 0,
    apiToken: TOKEN,
    onPush: () => {},
    onResults: ingestInto(store),
    log: (line) => logged.push(line),
  });
});

afterAll(async () => {
  await server.close();
  await store.close();
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI as a child process; async, so this process's server can answer it. */
function perflabCi(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ci', '--base', 'HEAD~1', '--time-budget', '60', ...args], {
      cwd: repo.dir,
      env: { ...process.env, GITHUB_BASE_REF: '', GITHUB_STEP_SUMMARY: '', PERFLAB_MACHINE: 'ci-box', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('perflab ci --push', () => {
  it('stores the run and raises a regression alert on the server, and still exits 1', async () => {
    const r = await perflabCi(['--push', server.url], { PERFLAB_TOKEN: TOKEN });

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pushed to http:\/\/127\.0\.0\.1:\d+: run \S+, 1 alert\(s\)/);
    const [run] = (await store.listRuns({ limit: 1 }));
    expect(run).toMatchObject({ machine: 'ci-box', commit: repo.git('rev-parse', 'HEAD'), trigger: { kind: 'ci', by: 'ci:ci-box' } });
    const [result] = await store.runResults(run?.id ?? '');
    expect(result).toMatchObject({ result: { caseId: 'spin/work', state: 'ok', summary: { unit: 'ns' } }, comparison: { verdict: 'regressed' } });
    expect((await store.listAlerts()).filter((a) => a.runId === run?.id)).toMatchObject([{ kind: 'regression', caseIds: ['spin/work'], state: 'open' }]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('says the server refused the token and exits 2 when nothing else is wrong', async () => {
    const runsBefore = (await store.listRuns()).length;
    const r = await perflabCi(['--push', server.url, '--filter', 'no-such-case'], { PERFLAB_TOKEN: 'not-the-token' });

    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the server refused the token');
    expect(r.stderr).not.toContain('not-the-token');
    expect((await store.listRuns())).toHaveLength(runsBefore);
  });

  it('exits 3 when the server cannot be reached, after retrying', async () => {
    const closed = await startApiServer({ port: 0, onPush: () => {}, onResults: () => Promise.reject(new Error('unused')), log: () => {} });
    await closed.close(); // a port nothing listens on any more
    const r = await perflabCi(['--push', closed.url, '--filter', 'no-such-case'], { PERFLAB_TOKEN: TOKEN });

    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/push failed: results not pushed after 3 tries: could not reach .*ECONNREFUSED/);
  });

  it('refuses --push without a token before measuring anything', async () => {
    const r = await perflabCi(['--push', server.url], { PERFLAB_TOKEN: '' });

    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--push needs an API token: set PERFLAB_TOKEN');
    expect(r.stderr).not.toContain('runs per side');
  });
});
