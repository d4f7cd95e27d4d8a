// Harness overhead and agreement: do perflab and tinybench 6 see the same
// time for the same function, how much do their per-run medians wander from
// run to run, and what does a fresh worker per case cost?
//
//   node --import ./src/engine/suite/register-loaders.js bench/harness.bench.ts [--reps R]
//
// perflab measures exactly as `perflab run` does: the suite is listed and each
// case measured in a fresh worker of an ExclusivePool running the bench
// worker (measureFunction, calibrated batches, default options). tinybench
// measures the same functions, imported from the same module, in this main
// thread with a matching budget (1000 ms after a 250 ms warm-up). The two
// tools alternate, and which goes first flips every repetition.
//
// Fixed cost per case, each as wall time in this main thread:
// - fresh worker + suite load: a worker that loads the suite and answers
//   (support/load-suite.task.ts), the suite compiled (or found compiled) first,
//   as every measured run does; and the same worker with an empty task;
// - measuring a no-op case with a 100 ms budget and no warm-up, minus those
//   100 ms: worker start, suite load, measuring loop set-up, teardown;
// - listing a suite: a worker that imports the suite, described and
//   validated in the main thread, measuring nothing.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import { ExclusivePool } from '../src/engine/pool/exclusive-pool.js';
import { runInFreshWorker } from '../src/engine/pool/run-in-fresh-worker.js';
import { compileSuite } from '../src/engine/suite/compile-suite.js';
import { formatDuration } from '../src/engine/report/format-duration.js';
import type { BenchCaseRef } from '../src/modes/bench/bench-case.js';
import { listSuiteFile } from '../src/modes/bench/list-cases.js';
import { measureCase } from '../src/modes/bench/measure-case.js';
import { WORKER_FILE } from '../src/modes/bench/run-bench.js';
import { fixtures } from './fixtures/harness.suite.js';
import { cv, intSetting, machineLine, markdownTable, medianOf, pct, progress } from './support/bench-report.js';
import type { LoadSuiteTask } from './support/load-suite.task.js';

const SUITE_FILE = fileURLToPath(new URL('./fixtures/harness.suite.ts', import.meta.url));
const LOAD_SUITE_TASK = new URL('./support/load-suite.task.ts', import.meta.url);
const COMPARED = ['arithmetic', 'sort 100 ints', 'JSON.parse 50KB'] as const;
const FIXED_COST_BUDGET_MS = 100;

const reps = Math.max(1, intSetting('reps', 'PERFLAB_BENCH_REPS', 10));

interface Fixture {
  setup: () => unknown;
  fn: (state: never) => void;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const pool = new ExclusivePool({ filename: WORKER_FILE });
  const listing = await listSuiteFile(pool, SUITE_FILE);
  if (listing.suiteErrors.length > 0) throw new Error(`cannot list ${SUITE_FILE}: ${JSON.stringify(listing.suiteErrors)}`);
  const refs = new Map(listing.cases.map((c) => [c.name, c]));
  const refOf = (name: string): BenchCaseRef => {
    const ref = refs.get(name);
    if (!ref) throw new Error(`case "${name}" missing from ${SUITE_FILE}`);
    return ref;
  };

  const medians = new Map<string, { perflab: number[]; tinybench: number[] }>(COMPARED.map((name) => [name, { perflab: [], tinybench: [] }]));
  for (let rep = 0; rep < reps; rep++) {
    for (const name of COMPARED) {
      const order = rep % 2 === 0 ? (['perflab', 'tinybench'] as const) : (['tinybench', 'perflab'] as const);
      for (const tool of order) {
        const value = tool === 'perflab' ? await perflabMedian(pool, refOf(name)) : await tinybenchMedian(name, refOf(name));
        medians.get(name)?.[tool].push(value);
        progress(`rep ${rep + 1}/${reps} ${name} ${tool}: ${formatDuration(value)}`);
      }
    }
  }

  const fixed = await fixedCost(pool, refOf('noop'));
  printReport(medians, fixed, [loadBefore, loadavg()[0] ?? Number.NaN]);
}

async function perflabMedian(pool: ExclusivePool, ref: BenchCaseRef): Promise<number> {
  const result = await measureCase(pool, ref);
  if (result.state === 'errored') throw new Error(`perflab failed on ${ref.id}: ${result.error.message}`);
  return result.summary.median; // ns per op
}

/** tinybench with the same budget as perflab's defaults, otherwise its own defaults. */
async function tinybenchMedian(name: string, ref: BenchCaseRef): Promise<number> {
  const fixture = fixtures[name as keyof typeof fixtures] as unknown as Fixture;
  const state = fixture.setup() as never;
  const bench = new Bench({ time: ref.options.timeBudgetMs, warmupTime: ref.options.warmupMs });
  bench.add(name, () => fixture.fn(state));
  const [task] = await bench.run();
  const result = task?.result;
  if (result?.state !== 'completed') throw new Error(`tinybench did not complete ${name}: ${result?.state ?? 'no task'}`);
  return result.latency.p50 * 1e6; // ms → ns per op
}

interface FixedCost {
  emptyWorkerMs: number[];
  workerAndSuiteMs: number[];
  measureOverheadMs: number[];
  listMs: number[];
}

async function fixedCost(pool: ExclusivePool, noop: BenchCaseRef): Promise<FixedCost> {
  const options = { ...noop.options, timeBudgetMs: FIXED_COST_BUDGET_MS, warmupMs: 0, minSamples: 2 };
  const out: FixedCost = { emptyWorkerMs: [], workerAndSuiteMs: [], measureOverheadMs: [], listMs: [] };
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  // One unrecorded round first: compiles (and tsx's transform cache, before) are not what this measures.
  await freshWorker({ suite: null });
  await freshWorker({ suite: await compileSuite(SUITE_FILE) });
  for (let rep = 0; rep < reps; rep++) {
    out.emptyWorkerMs.push(await timed(() => freshWorker({ suite: null })));
    out.workerAndSuiteMs.push(await timed(async () => freshWorker({ suite: await compileSuite(SUITE_FILE) })));
    out.measureOverheadMs.push(
      (await timed(async () => {
        const result = await measureCase(pool, noop, options);
        if (result.state === 'errored') throw new Error(`perflab failed on the no-op case: ${result.error.message}`);
      })) - FIXED_COST_BUDGET_MS,
    );
    out.listMs.push(await timed(() => listSuiteFile(pool, SUITE_FILE)));
    const last = (values: number[]) => values.at(-1)?.toFixed(0);
    progress(
      `fixed cost rep ${rep + 1}/${reps}: empty worker ${last(out.emptyWorkerMs)} ms, worker + suite ${last(out.workerAndSuiteMs)} ms, ` +
        `${last(out.measureOverheadMs)} ms over budget, list ${last(out.listMs)} ms`,
    );
  }
  return out;
}

async function freshWorker(task: LoadSuiteTask): Promise<void> {
  const outcome = await runInFreshWorker<string | null>(LOAD_SUITE_TASK, task, { timeoutMs: 60_000 });
  if (!outcome.ok) throw new Error(`the load-suite task failed: ${outcome.error.message}`);
}

function printReport(medians: Map<string, { perflab: number[]; tinybench: number[] }>, fixed: FixedCost, load: [number, number]): void {
  const rows = [...medians].map(([name, { perflab, tinybench }]) => {
    const p = medianOf(perflab);
    const t = medianOf(tinybench);
    return [name, formatDuration(p), formatDuration(t), (p / t).toFixed(3), pct(cv(perflab)), pct(cv(tinybench))];
  });
  const ms = (values: number[]) => `${medianOf(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  const out = [
    `## Harness: perflab vs tinybench`,
    '',
    `${machineLine()}; ${reps} repetitions, tools alternating; ${new Date().toISOString()}; ` +
      `1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (other work on the machine).`,
    '',
    markdownTable(['function', 'perflab median of medians', 'tinybench median of medians', 'ratio perflab/tinybench', 'perflab run-to-run CV', 'tinybench run-to-run CV'], rows),
    '',
    markdownTable(
      ['fixed cost per case', `median (min–max) over ${reps}`],
      [
        ['fresh worker + suite load (start, import the compiled suite, answer, terminate)', ms(fixed.workerAndSuiteMs)],
        ['fresh worker, empty task (the same without the suite)', ms(fixed.emptyWorkerMs)],
        [`measure a no-op case: wall time − ${FIXED_COST_BUDGET_MS} ms budget (fresh worker, suite load, teardown)`, ms(fixed.measureOverheadMs)],
        ['list a suite (fresh worker, suite load, validated in the main thread, no measuring)', ms(fixed.listMs)],
      ],
    ),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

await main();
