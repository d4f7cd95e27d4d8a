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
// Fixed cost per case: wall time of measuring a no-op case with a 100 ms
// budget and no warm-up, minus those 100 ms — worker start, loader
// registration, suite import, teardown. Listing a suite (a task that starts a
// worker and imports the suite but measures nothing) is timed too.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import { ExclusivePool } from '../src/engine/pool/exclusive-pool.js';
import { formatDuration } from '../src/engine/report/format-duration.js';
import type { BenchCaseRef } from '../src/modes/bench/bench-case.js';
import { listSuiteFile } from '../src/modes/bench/list-cases.js';
import { measureCase } from '../src/modes/bench/measure-case.js';
import { WORKER_FILE } from '../src/modes/bench/run-bench.js';
import { fixtures } from './fixtures/harness.suite.js';
import { cv, intSetting, machineLine, markdownTable, medianOf, pct, progress } from './support/bench-report.js';

const SUITE_FILE = fileURLToPath(new URL('./fixtures/harness.suite.ts', import.meta.url));
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
  measureOverheadMs: number[];
  listMs: number[];
}

async function fixedCost(pool: ExclusivePool, noop: BenchCaseRef): Promise<FixedCost> {
  const options = { ...noop.options, timeBudgetMs: FIXED_COST_BUDGET_MS, warmupMs: 0, minSamples: 2 };
  const out: FixedCost = { measureOverheadMs: [], listMs: [] };
  for (let rep = 0; rep < reps; rep++) {
    let t0 = performance.now();
    const result = await measureCase(pool, noop, options);
    if (result.state === 'errored') throw new Error(`perflab failed on the no-op case: ${result.error.message}`);
    out.measureOverheadMs.push(performance.now() - t0 - FIXED_COST_BUDGET_MS);
    t0 = performance.now();
    await listSuiteFile(pool, SUITE_FILE);
    out.listMs.push(performance.now() - t0);
    progress(`fixed cost rep ${rep + 1}/${reps}: ${out.measureOverheadMs.at(-1)?.toFixed(0)} ms over budget, list ${out.listMs.at(-1)?.toFixed(0)} ms`);
  }
  return out;
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
        [`measure a no-op case: wall time − ${FIXED_COST_BUDGET_MS} ms budget (fresh worker, suite load, teardown)`, ms(fixed.measureOverheadMs)],
        ['list a suite (fresh worker, suite load, no measuring)', ms(fixed.listMs)],
      ],
    ),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

await main();
