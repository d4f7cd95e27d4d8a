// Why perflab screens a changed commit on pairs of old and new code, in two
// parts:
//
// 1. Measured: how a fresh worker's per-run median moves on this machine.
//    One process measures the canary and a fixed case (~1 ms of xorshift a
//    call, the detection benchmark's commit A) in turns, fresh workers, with
//    a pause and some disk work every 10 rounds, as a lab does between runs.
//    It reports the robust spread of a run against all runs, against the
//    run `lag` rounds later (lag 1 is an adjacent pair), and how much the
//    canary moves with the case (if it did, dividing by it would cancel the
//    machine).
// 2. Simulated: what `decidePairedConfirmation` does with such noise when it
//    screens on n pairs first (rule 0), for several n and fractions of the
//    threshold, over seeded trials (the test suite's simulated machine).
//
//   node --import ./src/engine/suite/register-loaders.js bench/pairing.bench.ts [--rounds N] [--trials N]
//
// Progress on stderr, a Markdown report on stdout.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianAbsoluteDeviation, sampleCorrelation } from 'simple-statistics';
import { ExclusivePool } from '../src/engine/pool/exclusive-pool.js';
import { decidePairedConfirmation, MAD_TO_SD, PAIRED_SCREEN, type PairedConfirmOptions, type PairedRun } from '../src/engine/stats/index.js';
import { listSuiteFile } from '../src/modes/bench/list-cases.js';
import { measureCase } from '../src/modes/bench/measure-case.js';
import { WORKER_FILE } from '../src/modes/bench/run-bench.js';
import { interleavedMachine } from '../test/engine/stats/interleaved-machine.js';
import { mulberry32, normals } from '../test/engine/stats/seeded-random.js';
import { intSetting, machineLine, markdownTable, pct, progress } from './support/bench-report.js';

const ROUNDS = Math.max(20, intSetting('rounds', 'PERFLAB_PAIRING_ROUNDS', 80));
const TRIALS = Math.max(100, intSetting('trials', 'PERFLAB_PAIRING_TRIALS', 1000));
const OVERRIDES = { timeBudgetMs: 200, minSamples: 10, warmupMs: 50 };
const CANARY_FILE = fileURLToPath(new URL('../src/modes/bench/canary.suite.ts', import.meta.url));
const CASE_SOURCE = `import { defineSuite } from 'perflab';
const ITERATIONS = 500000;
let sink = 0;
function work(): void {
  let x = sink | 1;
  for (let i = 0; i < ITERATIONS; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
  sink = x;
}
export default defineSuite({ name: 'detect', bench: { work: { fn: work } } });
`;

const robustSd = (values: readonly number[]) => MAD_TO_SD * medianAbsoluteDeviation([...values]);

interface Rounds {
  canary: number[];
  work: number[];
}

async function measureRounds(): Promise<Rounds> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-pairing-'));
  try {
    await writeFile(join(dir, 'detect.ts'), CASE_SOURCE);
    const pool = new ExclusivePool({ filename: WORKER_FILE });
    const [canary] = (await listSuiteFile(pool, CANARY_FILE, OVERRIDES)).cases;
    const [work] = (await listSuiteFile(pool, join(dir, 'detect.ts'), OVERRIDES)).cases;
    if (!canary || !work) throw new Error('could not list the canary or the case');
    const out: Rounds = { canary: [], work: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const order = round % 2 === 0 ? [canary, work] : [work, canary];
      const medians = new Map<string, number>();
      for (const ref of order) {
        const result = await measureCase(pool, ref, ref.options);
        if (result.state !== 'ok') throw new Error(`${ref.id} failed: ${result.error.message}`);
        medians.set(ref.id, result.summary.median);
      }
      out.canary.push(medians.get(canary.id) as number);
      out.work.push(medians.get(work.id) as number);
      if (round % 10 === 9) {
        progress(`round ${round + 1}/${ROUNDS}, load ${loadavg()[0]?.toFixed(1)}`);
        // What a lab does between runs: some disk work, then a pause.
        await cp(join(dir, 'detect.ts'), join(dir, `copy-${round}.ts`));
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Robust spread of log(x[i + lag]) − log(x[i]), as a relative change. */
function lagSpread(values: readonly number[], lag: number): number {
  const logs = values.map(Math.log);
  return robustSd(logs.slice(lag).map((v, i) => v - (logs[i] as number)));
}

function measuredReport(rounds: Rounds, loadBefore: number, loadAfter: number): string {
  const logs = { canary: rounds.canary.map(Math.log), work: rounds.work.map(Math.log) };
  const lags = [1, 2, 5, 10, 20].filter((lag) => lag < ROUNDS / 2);
  return [
    `### Measured: ${ROUNDS} rounds of the canary and a ~1 ms case in turns, fresh workers`,
    '',
    `${machineLine()}; ${new Date().toISOString()}; load ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after. Budgets ${JSON.stringify(OVERRIDES)}.`,
    '',
    markdownTable(
      ['', 'case', 'canary'],
      [
        ['one run against all runs (robust sd of log)', pct(robustSd(logs.work), 2), pct(robustSd(logs.canary), 2)],
        ...lags.map((lag) => [`two runs ${lag} round${lag === 1 ? '' : 's'} apart (robust sd of the log-ratio)${lag === 1 ? ': an adjacent pair' : ''}`, pct(lagSpread(rounds.work, lag), 2), pct(lagSpread(rounds.canary, lag), 2)]),
      ],
    ),
    '',
    `Correlation of the case's and the canary's log medians in the same round: ${sampleCorrelation(logs.work, logs.canary).toFixed(2)}; ` +
      `the case divided by the canary spreads ${pct(robustSd(logs.work.map((w, i) => w - (logs.canary[i] as number))), 2)}.`,
    '',
  ].join('\n');
}

function simulate(screenPairs: number, fraction: number, cv: number, ratio: number): { regressed: number; improved: number; atScreen: number; meanPairs: number } {
  const options: PairedConfirmOptions = { threshold: 0.03, direction: 'lower', screenPairs, screenFraction: fraction };
  let regressed = 0;
  let improved = 0;
  let atScreen = 0;
  let pairsUsed = 0;
  for (let t = 0; t < TRIALS; t++) {
    const random = mulberry32(7000 + t + Math.round(ratio * 1e6));
    const next = interleavedMachine(random, normals(random), { baseline: 100, candidate: 100 * ratio, cv });
    const pairs: PairedRun[] = [];
    let decision = decidePairedConfirmation(pairs, options);
    while (decision.decision === 'continue') {
      while (pairs.length < decision.nextLook) pairs.push(next());
      decision = decidePairedConfirmation(pairs, options);
    }
    if (decision.decision === 'regressed') regressed++;
    if (decision.decision === 'improved') improved++;
    if (decision.runs === screenPairs) atScreen++;
    pairsUsed += decision.runs;
  }
  return { regressed: regressed / TRIALS, improved: improved / TRIALS, atScreen: atScreen / TRIALS, meanPairs: pairsUsed / TRIALS };
}

function simulatedReport(): string {
  const rows: string[][] = [];
  for (const cv of [0.015, 0.02]) {
    for (const [pairs, fraction] of [[3, 0.5], [3, 0.4], [4, 0.5], [4, 0.4], [5, 0.5]] as const) {
      const same = simulate(pairs, fraction, cv, 1);
      const three = simulate(pairs, fraction, cv, 1.03);
      const five = simulate(pairs, fraction, cv, 1.05);
      const chosen = pairs === PAIRED_SCREEN.pairs && fraction === PAIRED_SCREEN.fraction ? ' (perflab)' : '';
      rows.push([
        `${pct(cv, 1)}`,
        `${pairs} pairs, ${fraction} × threshold${chosen}`,
        `${pct(same.atScreen, 1)} at the screen, ${same.meanPairs.toFixed(1)} pairs; regressed ${pct(same.regressed, 1)}, improved ${pct(same.improved, 1)}`,
        `${pct(three.regressed, 1)} (${three.meanPairs.toFixed(1)} pairs)`,
        `${pct(five.regressed, 1)} (${five.meanPairs.toFixed(1)} pairs)`,
      ]);
    }
  }
  return [
    `### Simulated: the paired screen then confirmation, ${TRIALS} seeded trials a cell, threshold 3%`,
    '',
    'Lognormal noise a run (an adjacent pair spreads √2 × that); the trials of a row share their seeds.',
    '',
    markdownTable(['noise a run', 'screen', 'identical code', "+3%: 'regressed'", "+5%: 'regressed'"], rows),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const rounds = await measureRounds();
  const loadAfter = loadavg()[0] ?? Number.NaN;
  progress('simulating');
  process.stdout.write(['## Pairing: one run against history, or beside the old code (`pairing.bench.ts`)', '', measuredReport(rounds, loadBefore, loadAfter), simulatedReport()].join('\n'));
}

await main();
