// `perflab agent` with the bot on one PostgreSQL (real processes, the test
// server of the store-pg project): every job runs exactly once, nothing waits
// on anything for ever, and every alert is posted once whoever found it.
// The jobs are `ci-results` (results a CI machine pushed): a real job kind
// that measures nothing, so 200 of them take seconds, not hours.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/engine/store/postgres/open-pg-store.js';
import { stdoutLines, waitForExit, waitForLine } from '../engine/store/helpers/child.js';
import { freshSchemaUrl, serverUrl } from '../engine/store/helpers/pg-database.js';
import { tempDir } from '../engine/store/helpers/store-fixtures.js';
import { postedIds } from '../helpers/file-notifier.js';
import { until } from '../helpers/until.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const BOT = fileURLToPath(new URL('./fixtures/shared-bot.ts', import.meta.url));
const JOBS = 200;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
    await waitForExit(child);
  }
});

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: ReturnType<typeof stdoutLines> } {
  const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return { child, output: stdoutLines(child) };
}

async function agent(url: string, machine: string): Promise<ChildProcess> {
  const { child, output } = start([BIN, 'agent', '--store', await tempDir(), '--lease', '5000', '--poll', '200'], { PERFLAB_DATABASE_URL: url, PERFLAB_MACHINE: machine });
  await until(async () => output.lines.some((line) => line.startsWith(`perflab agent on ${machine}: taking jobs from postgres://`)), 90_000, `agent ${machine} to start`);
  return child;
}

async function bot(url: string, posts: string, ...mode: string[]): Promise<{ child: ChildProcess; output: ReturnType<typeof stdoutLines> }> {
  const started = start(['--import', 'tsx', BOT, await tempDir(), posts, ...mode], { PERFLAB_DATABASE_URL: url });
  await waitForLine(started.child, started.output, 'ready');
  return started;
}

describe('perflab agent', () => {
  it(`two agents and the bot on one database: ${JOBS} jobs each run exactly once, and each alert is posted once`, async () => {
    const url = await freshSchemaUrl();
    const store = await openPgStore(url, { dir: await tempDir() }); // the schema, before the processes race to make it
    const posts = join(await tempDir(), 'posts.txt');
    await Promise.all([agent(url, 'box-1'), agent(url, 'box-2')]);
    // A second poster, as an agent with a notifier would be: the claim in the database decides who posts.
    await bot(url, posts, 'post');

    const submitter = await bot(url, posts, 'submit', String(JOBS));
    await waitForLine(submitter.child, submitter.output, 'all ended');

    const ended = submitter.output.lines.filter((line) => line.startsWith('ended '));
    expect(ended).toHaveLength(JOBS);
    expect(ended.every((line) => line.endsWith(' done'))).toBe(true);
    // Each job stores one run of its own commit: a job run twice would store two.
    const runs = await store.listRuns();
    const commits = runs.map((run) => run.commit);
    expect(commits).toHaveLength(JOBS);
    expect(new Set(commits).size).toBe(JOBS);
    const alerts = await store.listAlerts();
    expect(alerts).toHaveLength(JOBS / 10);
    await until(async () => (await store.listAlerts()).every((alert) => alert.delivery?.state === 'posted'), 20_000, 'every alert posted');
    expect(postedIds(posts).sort()).toEqual(alerts.map((alert) => alert.id).sort());
    await store.close();
  });

  it('a job asked for one machine waits for an agent of that machine', async () => {
    const url = await freshSchemaUrl();
    const store = await openPgStore(url, { dir: await tempDir() });
    const queue = store.jobQueue({ agent: 'test', machine: 'nowhere', kinds: [] });
    const submit = (i: number, machine: string) => queue.submit({ kind: 'ci-results', description: `job ${i}`, trigger: { kind: 'ci', by: 'ci:test' }, request: payload(i), machine });
    const states = async (jobs: { job: { id: string } }[]) => Promise.all(jobs.map(async ({ job }) => (await queue.get(job.id))?.state));
    await agent(url, 'box-1');

    const forOne = await Promise.all([0, 1, 2].map((i) => submit(i, 'box-1')));
    const forTwo = await Promise.all([3, 4, 5].map((i) => submit(i, 'box-2')));
    await until(async () => (await states(forOne)).every((state) => state === 'done'), 20_000, 'the jobs of box-1 done');

    expect(await states(forTwo)).toEqual(['queued', 'queued', 'queued']);
    await agent(url, 'box-2');
    await until(async () => (await states(forTwo)).every((state) => state === 'done'), 20_000, 'the jobs of box-2 done');
    expect(await store.listRuns()).toHaveLength(6);
    await store.close();
  });
});

describe('perflab agent and perflab serve refuse a bad PERFLAB_DATABASE_URL in one line', () => {
  /** The CLI takes seconds to start on a busy machine: the cases run side by side. */
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('close', (code) => resolve({ code, lines: stderr.trim().split('\n'), stderr }));
    });

  it('unset: the agent exits 2 saying what it needs; wrong: agent and serve exit 2 naming the variable and the reason, never the password', async () => {
    const store = ['--store', await tempDir()];
    const cases = [
      { command: 'agent', url: '', reason: /^error: PERFLAB_DATABASE_URL is not set: an agent takes jobs from the queue in a shared PostgreSQL database/ },
      { command: 'agent', url: serverUrl({ password: 'hunter2-secret' }), reason: /password authentication failed/ },
      { command: 'serve', url: serverUrl({ password: 'hunter2-secret' }), reason: /password authentication failed/ },
      { command: 'agent', url: serverUrl({ port: 1, password: 'hunter2-secret' }), reason: /connection refused by 127\.0\.0\.1:1/ },
      { command: 'agent', url: serverUrl({ database: 'no_such_db' }), reason: /database "no_such_db" does not exist/ },
    ];

    const outcomes = await Promise.all(cases.map(({ command, url }) => run([command, ...store], { PERFLAB_DATABASE_URL: url })));

    for (const [i, { code, lines, stderr }] of outcomes.entries()) {
      const { command, url, reason } = cases[i] ?? { command: '', url: '', reason: /$^/ };
      const what = `${command} with ${url === '' ? 'no URL' : 'a bad URL'}: ${stderr}`;
      expect(code, what).toBe(2);
      expect(lines, what).toHaveLength(1);
      if (url !== '') expect(lines[0], what).toMatch(/^error: PERFLAB_DATABASE_URL \(postgres:\/\/perflab@127\.0\.0\.1:\d+\/\w+\): /);
      expect(lines[0], what).toMatch(reason);
      expect(stderr, what).not.toContain('hunter2');
    }
  });
});

function payload(i: number) {
  return {
    schemaVersion: 1,
    base: 'main',
    machine: 'ci-box',
    commitA: 'a'.repeat(40),
    commitB: i.toString(16).padStart(40, '0'),
    comparisons: [{ caseId: 'agents/job', verdict: 'unchanged', reason: 'within noise', measured: { kind: 'function', unit: 'ns', baseline: [100, 101, 99], candidate: [100, 101, 99] } }],
    onlyA: [],
    onlyB: [],
    suiteErrors: [],
  };
}
