// perflab's stress load generator, measured (issue 5):
//
// 1. Against autocannon on the same loopback HTTP server in one run:
//    alternating rounds (autocannon, perflab, autocannon, …), same number of
//    connections, same duration. Reports requests/s (ratio perflab ÷
//    autocannon) and p50/p99 latency of each. The server runs in its own
//    process so neither generator shares an event loop with it. Twice: an
//    immediate answer (throughput: who can send more?), and an answer after
//    5 ms (latency agreement: autocannon records whole milliseconds, so
//    sub-millisecond latencies cannot be compared with it).
// 2. Leak detection over repeated runs: a scenario with a planted leak of a
//    known rate (Buffers kept per call) is flagged `leaking`, and the same
//    scenario without the leak is not.
//
//   node --import ./src/engine/suite/register-loaders.js bench/stress-loadgen.bench.ts [--rounds N] [--seconds N] [--leak-runs N]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { judgeScenario } from '../src/modes/stress/judge-scenario.js';
import { listScenarios } from '../src/modes/stress/list-scenarios.js';
import { StressPool } from '../src/modes/stress/stress-pool.js';
import type { StressScenarioRef } from '../src/modes/stress/stress-scenario.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const ROUNDS = intSetting('rounds', 'PERFLAB_BENCH_ROUNDS', 3);
const SECONDS = intSetting('seconds', 'PERFLAB_BENCH_SECONDS', 5);
const LEAK_RUNS = intSetting('leak-runs', 'PERFLAB_BENCH_LEAK_RUNS', 5);
const CONNECTIONS = 10;
const SUITES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const MB = 1024 * 1024;

/** A small JSON answer, the same for every request, in a process of its own. */
const SERVER = `
const http = require('node:http');
const body = JSON.stringify({ ok: true, items: Array.from({ length: 20 }, (_, i) => ({ i, name: 'item ' + i })) });
const delay = Number(process.argv[1] || 0);
const answer = (res) => { res.setHeader('content-type', 'application/json'); res.end(body); };
const server = http.createServer((req, res) => (delay > 0 ? setTimeout(answer, delay, res) : answer(res)));
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

interface Round {
  tool: 'autocannon' | 'perflab';
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function startServer(delayMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', SERVER, String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, url: `http://127.0.0.1:${chunk.toString().trim()}/` };
}

async function runAutocannon(url: string): Promise<Round> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return { tool: 'autocannon', rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function runPerflab(pool: StressPool, ref: StressScenarioRef): Promise<Round> {
  const outcome = await pool.run({ file: ref.file, name: ref.name, durationMs: SECONDS * 1000, hangTimeoutMs: 10_000 });
  if (outcome.state !== 'replied' || !outcome.reply.ok || outcome.reply.type !== 'run') throw new Error(`perflab round failed: ${JSON.stringify(outcome).slice(0, 300)}`);
  const m = outcome.reply.measurement;
  const errors = Object.values(m.errors).reduce((a, b) => a + b, 0);
  return { tool: 'perflab', rps: m.requests / (m.elapsedMs / 1000), p50: (m.latency?.summary.p50 ?? NaN) / 1e6, p99: (m.latency?.summary.p99 ?? NaN) / 1e6, errors };
}

async function scenario(pool: StressPool, name: string): Promise<StressScenarioRef> {
  const { scenarios, suiteErrors } = await listScenarios(pool, SUITES, (id) => id === `loadgen/${name}`);
  const ref = scenarios[0];
  if (!ref) throw new Error(`no loadgen/${name} scenario: ${JSON.stringify(suiteErrors)}`);
  return ref;
}

async function compareWithAutocannon(pool: StressPool, delayMs: number): Promise<void> {
  const server = await startServer(delayMs);
  process.env.PERFLAB_BENCH_URL = server.url;
  process.env.PERFLAB_BENCH_CONNECTIONS = String(CONNECTIONS);
  try {
    const ref = await scenario(pool, 'http');
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const tool of ['autocannon', 'perflab'] as const) {
        progress(`server delay ${delayMs} ms, round ${i + 1}/${ROUNDS}: ${tool} (${CONNECTIONS} connections, ${SECONDS} s)`);
        rounds.push(tool === 'autocannon' ? await runAutocannon(server.url) : await runPerflab(pool, ref));
      }
    }
    const of = (tool: Round['tool'], field: 'rps' | 'p50' | 'p99') => medianOf(rounds.filter((r) => r.tool === tool).map((r) => r[field]));
    console.log(`\n### Load generator vs autocannon, server answering ${delayMs > 0 ? `after ${delayMs} ms` : 'at once'}\n\nSame loopback server (its own process), ${CONNECTIONS} connections, closed model, ${SECONDS} s per round, ${ROUNDS} alternating rounds per tool.\n`);
    console.log(markdownTable(['round', 'tool', 'req/s', 'p50 ms', 'p99 ms', 'errors'], rounds.map((r, i) => [String(Math.floor(i / 2) + 1), r.tool, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), String(r.errors)])));
    console.log(`\nMedians: perflab ${of('perflab', 'rps').toFixed(0)} req/s, autocannon ${of('autocannon', 'rps').toFixed(0)} req/s — ratio **${(of('perflab', 'rps') / of('autocannon', 'rps')).toFixed(2)}**; p50 ${of('perflab', 'p50').toFixed(2)} vs ${of('autocannon', 'p50').toFixed(2)} ms (ratio ${(of('perflab', 'p50') / of('autocannon', 'p50')).toFixed(2)}); p99 ${of('perflab', 'p99').toFixed(2)} vs ${of('autocannon', 'p99').toFixed(2)} ms (ratio ${(of('perflab', 'p99') / of('autocannon', 'p99')).toFixed(2)}).`);
  } finally {
    server.child.kill();
  }
}

async function leakDetection(pool: StressPool): Promise<void> {
  const plans = [
    { label: 'planted 60 MB/min', bytes: 20 * 1024, seconds: 3, runs: LEAK_RUNS },
    { label: 'no leak', bytes: 0, seconds: 3, runs: LEAK_RUNS },
    { label: 'planted 12 MB/min, 3 s runs', bytes: 4 * 1024, seconds: 3, runs: Math.min(3, LEAK_RUNS) },
    { label: 'planted 12 MB/min, 10 s runs', bytes: 4 * 1024, seconds: 10, runs: Math.min(3, LEAK_RUNS) },
  ];
  const rows: string[][] = [];
  for (const plan of plans) {
    process.env.PERFLAB_BENCH_LEAK_BYTES = String(plan.bytes);
    const ref = await scenario(pool, 'leak');
    const slopes: number[] = [];
    let flagged = 0;
    for (let i = 0; i < plan.runs; i++) {
      progress(`leak detection: ${plan.label}, run ${i + 1}/${plan.runs}`);
      const sized = { ...ref, options: { ...ref.options, durationMs: plan.seconds * 1000 } };
      const outcome = await pool.run({ file: ref.file, name: ref.name, durationMs: sized.options.durationMs, hangTimeoutMs: 10_000 });
      if (outcome.state === 'cancelled') throw new Error('cancelled');
      const judged = judgeScenario(sized, outcome);
      if (judged.verdict === 'leaking') flagged++;
      const slope = judged.result.state === 'ok' ? judged.result.stress?.heapGrowthPerMin : null;
      if (typeof slope === 'number') slopes.push(slope / MB);
    }
    const planted = (plan.bytes * 50 * 60) / MB;
    rows.push([plan.label, planted.toFixed(1), `${plan.seconds} s`, `${flagged}/${plan.runs}`, slopes.map((s) => s.toFixed(1)).join(', ')]);
  }
  console.log(`\n### Leak detection\n\nScenario \`loadgen/leak\`: 50 calls/s, each keeping a Buffer of a known size (0 for no leak); default budget (heap growth < 10 MB/min, judged after a 1 s warm-up, and only when the fitted growth over the judged window is ≥ 1 MB).\n`);
  console.log(markdownTable(['scenario', 'planted MB/min', 'run', 'flagged leaking', 'measured heap slope per run, MB/min'], rows));
}

console.log(`## Stress load generator\n\n${machineLine()} · ${new Date().toISOString().slice(0, 10)}`);
const pool = new StressPool();
await compareWithAutocannon(pool, 0);
await compareWithAutocannon(pool, 5);
await leakDetection(pool);
