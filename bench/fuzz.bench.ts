// Fuzz mode's own costs:
//   1. executions per second of one property through perflab (a task in a
//      fuzz-pool worker: property wrapper, shared cells, chunked fc.check)
//      versus the same property under plain fc.check in this thread;
//   2. the speed-up from 1 to 2 workers (total executions per wall second);
//   3. time to first finding on the planted-bug suite (suites/query-string.ts),
//      over repeated runs with fresh seeds.
//
//   node --import ./src/engine/suite/register-loaders.js bench/fuzz.bench.ts [--reps R] [--budget-ms B]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { newCells } from '../src/modes/fuzz/fuzz-cells.js';
import { FuzzPool } from '../src/modes/fuzz/fuzz-pool.js';
import type { FuzzTaskReply } from '../src/modes/fuzz/fuzz-task.js';
import { newSeed } from '../src/modes/fuzz/seeds.js';
import { sortProperty } from './fixtures/fuzz.suite.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const BENCH_SUITE = fileURLToPath(new URL('./fixtures/fuzz.suite.ts', import.meta.url));
const PLANTED_SUITE = fileURLToPath(new URL('../suites/query-string.ts', import.meta.url));
const reps = Math.max(1, intSetting('reps', 'PERFLAB_BENCH_REPS', 5));
const budgetMs = Math.max(100, intSetting('budget-ms', 'PERFLAB_FUZZ_BENCH_BUDGET_MS', 2000));
const TIMEOUT_MS = 5000;

/** One fuzz task in the pool; the reply's counts are the worker's own (suite import excluded). */
async function fuzzTask(pool: FuzzPool, file: string, caseName: string, budget: number): Promise<FuzzTaskReply> {
  const outcome = await pool.run(
    { type: 'fuzz', file, caseName, seed: newSeed(), budgetMs: budget, timeoutMs: TIMEOUT_MS, cells: newCells() },
    { hangMs: TIMEOUT_MS, deadlineMs: budget + 60_000 },
  );
  if (!outcome.ok || !outcome.reply.ok || outcome.reply.type !== 'fuzz') throw new Error(`fuzz task failed: ${JSON.stringify(outcome)}`);
  return outcome.reply.reply;
}

function plainRate(budget: number): number {
  const started = performance.now();
  const details = fc.check(sortProperty(), { seed: newSeed(), numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: budget });
  return details.numRuns / ((performance.now() - started) / 1000);
}

/** Total executions per wall second of `workers` tasks side by side. */
async function parallelRate(workers: number): Promise<number> {
  const pool = new FuzzPool({ workers });
  try {
    await Promise.all(Array.from({ length: workers }, () => fuzzTask(pool, BENCH_SUITE, 'sort', 50))); // start workers, import the suite
    const started = performance.now();
    const replies = await Promise.all(Array.from({ length: workers }, () => fuzzTask(pool, BENCH_SUITE, 'sort', budgetMs)));
    return replies.reduce((total, r) => total + r.executions, 0) / ((performance.now() - started) / 1000);
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const perflab: number[] = [];
  const plain: number[] = [];
  const single = new FuzzPool({ workers: 1 });
  try {
    await fuzzTask(single, BENCH_SUITE, 'sort', 50); // warm: worker started, suite imported
    for (let rep = 0; rep < reps; rep++) {
      progress(`exec/s rep ${rep + 1}/${reps}`);
      // Alternate which goes first, so drift of the machine does not favour one.
      const order = rep % 2 === 0 ? ['perflab', 'plain'] : ['plain', 'perflab'];
      for (const tool of order) {
        if (tool === 'plain') plain.push(plainRate(budgetMs));
        else {
          const r = await fuzzTask(single, BENCH_SUITE, 'sort', budgetMs);
          perflab.push(r.executions / (r.elapsedMs / 1000));
        }
      }
    }
  } finally {
    await single.close();
  }

  const one: number[] = [];
  const two: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    progress(`workers rep ${rep + 1}/${reps}`);
    one.push(await parallelRate(1));
    two.push(await parallelRate(2));
  }

  const firstMs: number[] = [];
  const firstInputs: number[] = [];
  const planted = new FuzzPool({ workers: 1 });
  try {
    for (let rep = 0; rep < reps * 4; rep++) {
      progress(`first finding rep ${rep + 1}/${reps * 4}`);
      const r = await fuzzTask(planted, PLANTED_SUITE, 'round trip', 30_000);
      if (r.state !== 'failed') throw new Error('the planted bug was not found within 30 s');
      firstMs.push(r.elapsedMs);
      firstInputs.push(r.inputs);
    }
  } finally {
    await planted.close();
  }

  const rate = (v: number) => Math.round(v).toLocaleString('en-US');
  console.log(`${machineLine()}; ${reps} repetitions, ${budgetMs} ms per measurement; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after; ${new Date().toISOString()}\n`);
  console.log(
    markdownTable(
      ['property `sort` (array ≤ 50 ints)', 'median exec/s', 'min', 'max'],
      [
        ['perflab, 1 worker (worker time)', rate(medianOf(perflab)), rate(Math.min(...perflab)), rate(Math.max(...perflab))],
        ['plain fc.check, main thread', rate(medianOf(plain)), rate(Math.min(...plain)), rate(Math.max(...plain))],
        ['ratio perflab / plain', (medianOf(perflab) / medianOf(plain)).toFixed(2), '', ''],
      ],
    ),
  );
  console.log(
    `\n${markdownTable(
      ['workers', 'median total exec/s (wall)', 'speed-up'],
      [
        ['1', rate(medianOf(one)), '1.00'],
        ['2', rate(medianOf(two)), (medianOf(two) / medianOf(one)).toFixed(2)],
      ],
    )}`,
  );
  const sortedMs = [...firstMs].sort((a, b) => a - b);
  console.log(
    `\n${markdownTable(
      ['planted bug (query-string/round trip), 1 worker', 'median', 'min', 'max'],
      [
        ['time to first finding, shrinking included (ms)', String(Math.round(medianOf(firstMs))), String(sortedMs[0]), String(sortedMs.at(-1))],
        ['inputs tried before it', String(Math.round(medianOf(firstInputs))), String(Math.min(...firstInputs)), String(Math.max(...firstInputs))],
      ],
    )}\n(${firstMs.length} runs, fresh seed each)`,
  );
}

await main();
