// The webhook in front of a real lab and watcher: a signed GitHub push to a
// watched repository queues its new commit at once; a replayed delivery and
// a bad signature queue nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLabApi } from '../../src/http/lab-api.js';
import type { ApiServer } from '../../src/http/http-server.js';
import type { Store } from '../../src/engine/store/store.js';
import { watchedRepoSchema } from '../../src/engine/config/watch-config.js';
import { Lab } from '../../src/lab/lab.js';
import { Watcher } from '../../src/triggers/watcher.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { useTempStore } from '../helpers/temp-store.js';
import { hubBody, SECRET, signedHeaders } from './push-fixtures.js';

const temp = useTempStore('perflab-lab-api-');
let repo: TempRepo;
let store: Store;
let api: ApiServer;
let lab: Lab;
let watcher: Watcher;
const logged: string[] = [];

beforeEach(async () => {
  repo = tempRepo();
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('first');
  store = temp.store;
  // Jobs are queued, not run (the lab is not started): this test is about what reaches the queue.
  lab = new Lab({ store, machine: 'm', suitesDir: repo.dir });
  watcher = new Watcher(lab, [watchedRepoSchema.parse({ url: repo.dir, pollSeconds: 3600 })]);
  await watcher.pollAll();
  api = await startLabApi(lab, watcher, { port: 0, webhookSecret: SECRET }, (line) => logged.push(line));
});

afterEach(async () => {
  await api.close();
  repo.remove();
});

const push = (body: string, delivery: string, secret = SECRET) =>
  fetch(`${api.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders('github', body, { secret, delivery }) }, body });

const commitJobs = () => lab.jobs().filter((j) => j.kind === 'commit');

describe('the webhook in front of the watcher', () => {
  it('a push to a watched branch queues its new commit at once; the same delivery again does nothing', async () => {
    repo.write('CHANGES', 'x');
    const pushed = repo.commit('second');
    const body = hubBody({ after: pushed, repository: { full_name: 'local/repo', clone_url: repo.dir, ssh_url: repo.dir } });

    expect((await push(body, 'd-1')).status).toBe(202);
    const deadline = Date.now() + 10_000;
    while (commitJobs().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(commitJobs().map((j) => (j.request as { commits: string[] }).commits.at(-1))).toContain(pushed);

    expect((await push(body, 'd-1')).status).toBe(200); // a replay
    await new Promise((r) => setTimeout(r, 300));
    expect(commitJobs()).toHaveLength(2);
  });

  it('a bad signature gets 401, is logged, and queues nothing', async () => {
    repo.write('CHANGES', 'y');
    const next = repo.commit('third');
    const body = hubBody({ after: next, repository: { full_name: 'local/repo', clone_url: repo.dir, ssh_url: repo.dir } });
    expect((await push(body, 'd-2', 'not-the-secret')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(commitJobs()).toHaveLength(1);
    expect(logged.join('\n')).toMatch(/signature/i);
    expect(logged.join('\n')).not.toContain(SECRET);
  });

  it('a push to a repository nobody watches is acknowledged and logged, not queued', async () => {
    const body = hubBody();
    expect((await push(body, 'd-3')).status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(commitJobs()).toHaveLength(1);
    expect(logged.join('\n')).toContain('acme/app main: not a watched repository');
  });
});
