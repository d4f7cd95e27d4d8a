// Detection power of the whole benchmark pipeline (DESIGN §5) on this
// machine: how often does `runBench` — screening on a few pairs of the
// baseline commit's code and the candidate run in turns, then interleaved
// confirmation — call an unchanged commit 'regressed' (A/A), and how often does it catch a
// commit that is 3%, 5% or 10% slower?
//
//   node --import ./src/engine/suite/register-loaders.js bench/detection.bench.ts \
//     [--aa N] [--per-level N] [--levels 3,5,10] [--windows B] [--window W] [--canary 0|1]
//     [--budget-ms MS] [--warmup-ms MS] [--keep] [--log FILE]
//
// (or PERFLAB_DETECT_AA, _PER_LEVEL, _LEVELS, _WINDOWS, _WINDOW, _CANARY, _BUDGET_MS,
// _WARMUP_MS, _LOG). Progress on stderr, a Markdown report on stdout. `--log`
// appends one JSON line per trial and window run: its verdict, reason and
// evidence, the confirmation's runs per side included, so a surprising verdict
// can be looked at afterwards.
//
// How: a real git repository in a temp dir holds one suite whose only case
// does a fixed amount of integer work scaled by a FACTOR constant; commit A
// has FACTOR 1, and one commit per slowdown level has FACTOR 1.03, 1.05,
// 1.10. The trials are split into B blocks. Each block starts from a fresh
// store in which commit A is run W times (so the first run becomes the
// baseline and the window exists), then the store is closed and left alone.
// Each trial copies that store, checks out its candidate commit (for A/A,
// A′: A plus a README, the same code in another commit),
// calls runBench once, records the verdict, and throws the copy away: trials
// never feed each other's window. Within a block the scenarios take turns,
// so slow drift of the machine over the run hits all of them alike. Trials
// never run in parallel (2 cores; and runBench assumes an idle machine).
//
// The canary is off by default (--canary 1 turns it on): this benchmark is
// about the screen and the confirmation, and a run the canary flags ends as
// 'unstable' without reaching either. docs/benchmarks.md has a canary-on run.
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { medianAbsoluteDeviation } from 'simple-statistics';
import { describeCheckout, git } from '../src/engine/git/git.js';
import type { Verdict } from '../src/engine/model.js';
import { ExclusivePool } from '../src/engine/pool/exclusive-pool.js';
import { MAD_TO_SD, PAIRED_SCREEN, robustCv } from '../src/engine/stats/index.js';
import { openStore } from '../src/engine/store/open-store.js';
import type { Store } from '../src/engine/store/store.js';
import type { BenchOptions } from '../src/engine/suite/define-suite.js';
import { resolveBenchOptions } from '../src/modes/bench/bench-options.js';
import { baselineWindow, SCREENING } from '../src/engine/compare/compare-to-baseline.js';
import { runBench, WORKER_FILE, type BenchReport } from '../src/modes/bench/run-bench.js';
import { intSetting, machineLine, markdownTable, medianOf, pct, progress } from './support/bench-report.js';

const settings = {
  aa: intSetting('aa', 'PERFLAB_DETECT_AA', 100),
  perLevel: intSetting('per-level', 'PERFLAB_DETECT_PER_LEVEL', 40),
  windows: Math.max(1, intSetting('windows', 'PERFLAB_DETECT_WINDOWS', 10)),
  window: Math.max(3, intSetting('window', 'PERFLAB_DETECT_WINDOW', 10)),
  canary: intSetting('canary', 'PERFLAB_DETECT_CANARY', 0) !== 0,
  budgetMs: Math.max(1, intSetting('budget-ms', 'PERFLAB_DETECT_BUDGET_MS', 200)),
  warmupMs: intSetting('warmup-ms', 'PERFLAB_DETECT_WARMUP_MS', 50),
  keep: process.argv.includes('--keep'),
  log: stringSetting('log', 'PERFLAB_DETECT_LOG'),
};

function stringSetting(name: string, env: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : process.env[env];
  return value === undefined || value === '' ? undefined : value;
}

/** One line of the `--log` file: what the run saw and why it ended as it did. */
async function logRun(what: Record<string, unknown>, report: BenchReport): Promise<void> {
  if (!settings.log) return;
  const entry = report.entries.find((e) => e.caseId === CASE_ID);
  const { verdict, reason, evidence } = entry?.comparison ?? {};
  await appendFile(settings.log, `${JSON.stringify({ at: new Date().toISOString(), ...what, environment: report.run.environment, verdict, reason, evidence, load: loadavg()[0] })}\n`);
}

/** Small budgets so a trial costs seconds: by default each run of the case is 50 ms warm-up + 200 ms of ~1 ms calls. */
const OVERRIDES: BenchOptions = { timeBudgetMs: settings.budgetMs, minSamples: 10, warmupMs: settings.warmupMs };
/** perflab's default threshold, left as is (the suite sets none). */
const THRESHOLD = resolveBenchOptions('function').threshold;
const MACHINE = 'detection-bench';
const CASE_ID = 'detect/work';
/** Slowdowns to plant, in percent (--levels 3,5 / PERFLAB_DETECT_LEVELS): default 3, 5 and 10. */
const LEVELS = levelsSetting();

function levelsSetting(): number[] {
  const at = process.argv.indexOf('--levels');
  const raw = at >= 0 ? process.argv[at + 1] : process.env.PERFLAB_DETECT_LEVELS;
  if (raw === undefined || raw === '') return [1.03, 1.05, 1.1];
  const levels = raw.split(',').map((p) => Number(p.trim()));
  if (levels.length === 0 || levels.some((p) => !(p > 0 && p < 100))) throw new RangeError(`--levels / PERFLAB_DETECT_LEVELS must be percentages in (0, 100) separated by commas, got "${raw}"`);
  return levels.map((p) => Math.round((1 + p / 100) * 1e6) / 1e6);
}
/** Iterations of the work loop at FACTOR 1: about 1 ms per call on a 2020s x64 core. */
const BASE_ITERATIONS = 500_000;
/** The key of commit A′ (A's code, another commit) among the commits, and the A/A scenario's factor. */
const SAME_CODE = 0;

interface Scenario {
  name: string;
  factor: number;
  trials: number;
}

interface Trial {
  scenario: string;
  block: number;
  verdict: Verdict;
  /** How far the run went: the screen on pairs of old and new code decided it, or confirmation did. */
  stage: 'screen' | 'confirmation';
  environment: 'ok' | 'suspect';
  /** The run's median against the window's median, − 1: what the screen saw. */
  delta: number;
  ratio: number | null;
  confirmRuns: number | null;
  /** The paired ratio of the screen's pairs, when the screen decided. */
  screenRatio: number | null;
  seconds: number;
  /** 1-minute load average when the trial ended: other work on the machine. */
  load: number;
}

interface WindowInfo {
  block: number;
  runs: number;
  /** Median of the per-run medians in the window, ns. */
  centre: number;
  noise: number;
  gate: number;
  seconds: number;
  verdicts: Verdict[];
}

function suiteSource(factor: number): string {
  return `// Written by bench/detection.bench.ts: integer work scaled by FACTOR.
import { defineSuite } from 'perflab';

const FACTOR = ${factor};
const ITERATIONS = Math.round(${BASE_ITERATIONS} * FACTOR);
let sink = 0;

function work(): void {
  let x = sink | 1;
  for (let i = 0; i < ITERATIONS; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink = x;
}

export default defineSuite({ name: 'detect', bench: { work: { fn: work } } });
`;
}

/**
 * A repository with commit A (FACTOR 1), one commit per level on top of it,
 * and A′: A plus a README, the code untouched (the A/A candidate: a commit
 * that changes nothing the case runs, as most commits do). Returns factor →
 * sha, with A′ under `SAME_CODE`.
 */
async function createRepository(root: string): Promise<Map<number, string>> {
  const repo = join(root, 'repo');
  await mkdir(join(repo, 'suites'), { recursive: true });
  await git(repo, ['init', '-q']);
  await git(repo, ['config', 'user.email', 'bench@perflab.invalid']);
  await git(repo, ['config', 'user.name', 'perflab bench']);
  await git(repo, ['config', 'commit.gpgsign', 'false']);
  const commits = new Map<number, string>();
  for (const factor of [1, ...LEVELS]) {
    await writeFile(join(repo, 'suites', 'detect.ts'), suiteSource(factor));
    await git(repo, ['add', '.']);
    await git(repo, ['commit', '-q', '-m', `FACTOR ${factor}`]);
    commits.set(factor, await git(repo, ['rev-parse', 'HEAD']));
    // Each slowed commit is A plus one change, so go back to A before the next.
    await git(repo, ['checkout', '-q', commits.get(1) as string]);
  }
  await writeFile(join(repo, 'README.md'), 'The detection benchmark\'s repository.\n');
  await git(repo, ['add', '.']);
  await git(repo, ['commit', '-q', '-m', 'A README: no code changed']);
  commits.set(SAME_CODE, await git(repo, ['rev-parse', 'HEAD']));
  await git(repo, ['checkout', '-q', commits.get(1) as string]);
  return commits;
}

interface Lab {
  repo: string;
  commits: Map<number, string>;
  pool: ExclusivePool;
}

async function benchOnce(lab: Lab, store: Store, factor: number): Promise<BenchReport> {
  await git(lab.repo, ['checkout', '-q', lab.commits.get(factor) as string]);
  const checkout = await describeCheckout(lab.repo);
  return runBench({
    suitesDir: join(lab.repo, 'suites'),
    filter: () => true,
    store,
    machine: MACHINE,
    trigger: { kind: 'cli', by: 'detection.bench' },
    checkout,
    overrides: OVERRIDES,
    canary: settings.canary,
    pool: lab.pool,
  });
}

function caseVerdict(report: BenchReport): Verdict {
  const entry = report.entries.find((e) => e.caseId === CASE_ID);
  if (!entry) throw new Error(`runBench reported no ${CASE_ID}: ${JSON.stringify(report.suiteErrors)}`);
  return entry.comparison.verdict;
}

async function establishWindow(lab: Lab, dir: string, block: number): Promise<WindowInfo> {
  const started = performance.now();
  const store = await openStore(dir);
  const verdicts: Verdict[] = [];
  try {
    for (let i = 0; i < settings.window; i++) {
      const report = await benchOnce(lab, store, 1);
      await logRun({ window: block + 1, run: i + 1 }, report);
      verdicts.push(caseVerdict(report));
      progress(`[window ${block + 1}] run ${i + 1}/${settings.window}: ${verdicts.at(-1)}`);
    }
    const baseline = (await store.getBaseline(CASE_ID, MACHINE));
    if (!baseline) throw new Error('no baseline after the window runs');
    const { current } = await baselineWindow(store, CASE_ID, MACHINE, baseline);
    const noise = current.length >= 3 ? robustCv(current) : Number.NaN;
    return { block, runs: current.length, centre: medianOf(current), noise, gate: Math.max(THRESHOLD * SCREENING.case.thresholdFactor, 2 * noise), seconds: (performance.now() - started) / 1000, verdicts };
  } finally {
    await store.close();
  }
}

async function runTrial(lab: Lab, established: string, scratch: string, scenario: Scenario, window: WindowInfo): Promise<Trial> {
  await rm(scratch, { recursive: true, force: true });
  await cp(established, scratch, { recursive: true });
  const store = await openStore(scratch);
  try {
    const started = performance.now();
    const report = await benchOnce(lab, store, scenario.factor);
    const seconds = (performance.now() - started) / 1000;
    await logRun({ window: window.block + 1, scenario: scenario.name }, report);
    const entry = report.entries.find((e) => e.caseId === CASE_ID);
    if (!entry) throw new Error(`runBench reported no ${CASE_ID}: ${JSON.stringify(report.suiteErrors)}`);
    const { comparison, result } = entry;
    return {
      scenario: scenario.name,
      block: window.block,
      delta: result.state === 'ok' ? result.summary.median / window.centre - 1 : Number.NaN,
      verdict: comparison.verdict,
      stage: (comparison.change?.runs ?? 0) > PAIRED_SCREEN.pairs ? 'confirmation' : 'screen',
      environment: report.run.environment,
      ratio: comparison.change?.ratio ?? null,
      confirmRuns: (comparison.change?.runs ?? 0) > PAIRED_SCREEN.pairs ? (comparison.change?.runs ?? null) : null,
      screenRatio: comparison.change?.runs === PAIRED_SCREEN.pairs ? comparison.change.ratio : null,
      seconds,
      load: loadavg()[0] ?? Number.NaN,
    };
  } finally {
    await store.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** This block's trials: each scenario's share, taking turns. */
function blockSchedule(scenarios: Scenario[], block: number): Scenario[] {
  const share = (s: Scenario) => {
    const per = Math.ceil(s.trials / settings.windows);
    return Math.max(0, Math.min(per, s.trials - per * block));
  };
  const left = new Map(scenarios.map((s) => [s, share(s)]));
  const order: Scenario[] = [];
  while ([...left.values()].some((n) => n > 0)) {
    for (const s of scenarios) {
      const n = left.get(s) ?? 0;
      if (n > 0) {
        order.push(s);
        left.set(s, n - 1);
      }
    }
  }
  return order;
}

async function main(): Promise<void> {
  const scenarios: Scenario[] = [
    { name: 'A/A', factor: SAME_CODE, trials: settings.aa },
    ...LEVELS.map((factor) => ({ name: `+${Math.round((factor - 1) * 100)}%`, factor, trials: settings.perLevel })),
  ];
  const root = await mkdtemp(join(tmpdir(), 'perflab-detection-'));
  const lab: Lab = { repo: join(root, 'repo'), commits: await createRepository(root), pool: new ExclusivePool({ filename: WORKER_FILE }) };
  progress(`repository ${lab.repo}; ${settings.windows} windows of ${settings.window} runs; trials ${scenarios.map((s) => `${s.name} ${s.trials}`).join(', ')}; canary ${settings.canary ? 'on' : 'off'}`);

  const started = performance.now();
  const windows: WindowInfo[] = [];
  const trials: Trial[] = [];
  const total = scenarios.reduce((n, s) => n + s.trials, 0);
  try {
    for (let block = 0; block < settings.windows; block++) {
      const schedule = blockSchedule(scenarios, block);
      if (schedule.length === 0) break;
      const established = join(root, `store-${block}`);
      const info = await establishWindow(lab, established, block);
      windows.push(info);
      progress(`[window ${block + 1}] ${info.runs} runs in the window, noise ${pct(info.noise)}, gate ${pct(info.gate)}, ${info.seconds.toFixed(0)} s`);
      for (const scenario of schedule) {
        const trial = await runTrial(lab, established, join(root, 'trial-store'), scenario, info);
        trials.push(trial);
        const path = trial.stage === 'screen' ? `screened on ${PAIRED_SCREEN.pairs} pairs${trial.screenRatio !== null ? `, ratio ${trial.screenRatio.toFixed(3)}` : ''}` : `confirmed over ${trial.confirmRuns}/side, ratio ${trial.ratio?.toFixed(3)}`;
        const elapsed = (performance.now() - started) / 60_000;
        progress(`[${trials.length}/${total}] ${scenario.name}: Δ ${(trial.delta * 100).toFixed(1)}% → ${trial.verdict}${trial.environment === 'suspect' ? ' (environment-suspect)' : ''} — ${path}, ${trial.seconds.toFixed(1)} s, load ${trial.load.toFixed(1)} (${elapsed.toFixed(1)} min so far)`);
      }
      if (!settings.keep) await rm(established, { recursive: true, force: true });
    }
  } finally {
    if (!settings.keep) await rm(root, { recursive: true, force: true });
    else progress(`kept ${root}`);
  }
  process.stdout.write(report(scenarios, windows, trials, (performance.now() - started) / 60_000));
}

const VERDICTS: Verdict[] = ['regressed', 'improved', 'unchanged', 'unstable', 'errored', 'no-baseline'];

function report(scenarios: Scenario[], windows: WindowInfo[], trials: Trial[], minutes: number): string {
  const rows = scenarios.map((s) => {
    const mine = trials.filter((t) => t.scenario === s.name);
    const regressed = mine.filter((t) => t.verdict === 'regressed').length;
    const [low, high] = wilson(regressed, mine.length);
    const counts = VERDICTS.map((v) => mine.filter((t) => t.verdict === v).length);
    const confirmed = mine.filter((t) => t.confirmRuns !== null);
    const ratios = confirmed.map((t) => t.ratio as number);
    return [
      s.name,
      String(mine.length),
      `${regressed}/${mine.length} = ${pct(regressed / mine.length, 0)} (95% CI ${pct(low, 0)}–${pct(high, 0)})`,
      counts.map((n, i) => (n > 0 ? `${VERDICTS[i]} ${n}` : '')).filter(Boolean).join(', '),
      `${mine.filter((t) => t.stage === 'confirmation').length}`,
      `${mine.filter((t) => t.environment === 'suspect').length}`,
      ratios.length > 0 ? medianOf(ratios).toFixed(3) : '—',
      confirmed.length > 0 ? medianOf(confirmed.map((t) => t.confirmRuns as number)).toFixed(0) : '—',
      `${medianOf(mine.map((t) => t.seconds)).toFixed(1)} s`,
      medianOf(mine.map((t) => t.load)).toFixed(1),
    ];
  });
  const screenRows = scenarios.map((s) => {
    const mine = trials.filter((t) => t.scenario === s.name);
    const deltas = mine.map((t) => t.delta).filter(Number.isFinite);
    const confirmedAny = mine.filter((t) => t.confirmRuns !== null);
    const confirmedRegressed = confirmedAny.filter((t) => t.verdict === 'regressed').length;
    return [
      s.name,
      pct(medianOf(deltas), 2),
      deltas.length > 1 ? pct(MAD_TO_SD * medianAbsoluteDeviation(deltas), 2) : '—',
      `${deltas.filter((d) => d >= THRESHOLD).length}/${deltas.length}`,
      `${confirmedAny.length}/${mine.length}`,
      confirmedAny.length > 0 ? `${confirmedRegressed}/${confirmedAny.length}` : '—',
    ];
  });
  const windowVerdicts = windows.flatMap((w) => w.verdicts.slice(1));
  const windowRows = VERDICTS.map((v) => [v, String(windowVerdicts.filter((x) => x === v).length)]).filter(([, n]) => n !== '0');
  // The window-building runs are commit A against itself: the same code, which perflab never confirms, so they are no test of a false alarm.
  const aa = trials.filter((t) => t.scenario === 'A/A');
  const falseAlarms = aa.filter((t) => t.verdict === 'regressed').length;
  const falseImproved = aa.filter((t) => t.verdict === 'improved').length;
  const aaComparisons = aa.length;
  return [
    '## Detection power of screen-then-confirm (runBench)',
    '',
    `${machineLine()}; ${new Date().toISOString()}; ${minutes.toFixed(1)} min in all.`,
    `Budgets: ${JSON.stringify(OVERRIDES)}, threshold ${pct(THRESHOLD, 0)} (default); canary ${settings.canary ? 'on' : 'off'}; ` +
      `${windows.length} baseline windows of ${settings.window} runs on commit A.`,
    '',
    markdownTable(
      ['scenario', 'trials', "verdict 'regressed'", 'verdicts', 'went to confirmation', 'environment-suspect', 'median confirmed ratio', 'median runs/side', 'median time/trial', 'median load avg'],
      rows,
    ),
    '',
    `A/A comparisons (A′ against A: another commit, the same code): ${falseAlarms} 'regressed' and ${falseImproved} 'improved' in ${aaComparisons}` +
      (falseAlarms === 0 ? ` (95% upper bound on the rate, rule of three: ${pct(3 / Math.max(aaComparisons, 1))}).` : '.'),
    '',
    `How a trial was decided: every candidate is screened on ${PAIRED_SCREEN.pairs} pairs of old and new code run in turns; a paired ratio within ±${pct(PAIRED_SCREEN.fraction * THRESHOLD, 1)} ` +
      `(${PAIRED_SCREEN.fraction} × threshold) is unchanged, anything else goes to confirmation, which keeps those pairs. ` +
      'For comparison, what a screen against the window alone would have seen: Δ = the trial run\'s median against its window\'s median, − 1.',
    '',
    markdownTable(['scenario', 'median Δ against the window', 'spread of Δ (1.4826 · MAD)', 'Δ ≥ 3%', 'went to confirmation', "confirmation said 'regressed'"], screenRows),
    '',
    `Median window noise ${pct(medianOf(windows.map((w) => w.noise)), 2)}: the screen assumes a new run varies like the window's runs do.`,
    '',
    'Verdicts of the window-building runs (commit A against itself: the same code, never confirmed, so not counted as A/A comparisons):',
    '',
    markdownTable(['verdict', 'runs'], windowRows),
    '',
    `Baseline windows (noise = robust CV of the per-run medians; gate = max(${SCREENING.case.thresholdFactor} × threshold, 2 × noise); with |z| ≥ ${SCREENING.case.zLimit} the screen in effect needs |Δ| ≥ max(gate, ${SCREENING.case.zLimit} × noise)):`,
    '',
    markdownTable(
      ['window', 'runs in window', 'noise', 'gate', 'in effect |Δ| ≥', 'time to build'],
      windows.map((w) => [String(w.block + 1), String(w.runs), pct(w.noise, 2), pct(w.gate, 2), pct(Math.min(THRESHOLD * SCREENING.case.capFactor, Math.max(w.gate, SCREENING.case.zLimit * w.noise)), 2), `${w.seconds.toFixed(0)} s`]),
    ),
    '',
  ].join('\n');
}

/** Wilson score interval for k successes in n, 95%. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

await main();
