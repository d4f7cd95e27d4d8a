// How long a diff report over a busy year takes (DESIGN §9a), in two parts.
//
// 1. In memory: 200 cases × 50 runs a day for a year (~18 250 entries a
//    case) against previous, day, week, month and year, then the three
//    renderings; reading the histories is left out.
// 2. End to end (the goal: < 1 s): the `perflab report` process, as a user
//    runs it, on the year-long store of store.bench.ts (support/year-store.ts)
//    generated to end an hour ago, so every point in time has runs: start
//    Node, open the store, read 200 histories, report, print the table.
//
//   node --import ./src/engine/suite/register-loaders.js bench/report.bench.ts [--reps N] [--histories H] [--cli-reps N] [--months M]
//
// (or PERFLAB_BENCH_REPS, PERFLAB_REPORT_HISTORIES, PERFLAB_REPORT_CLI_REPS,
// PERFLAB_REPORT_MONTHS; `--months 1` is a quick check that it runs). Progress on stderr, a
// Markdown report on stdout. Cases cycle through H distinct histories (default
// 10): 200 separate year-long histories would hold ~3.6 M entries, a gigabyte
// of memory for no different work. One in 50 entries is errored, so windows
// step over unusable runs as they do in a real lab.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { diffReport, type DiffCaseInput } from '../src/engine/report/diff-report.js';
import { diffReportJson } from '../src/engine/report/diff-report-json.js';
import { diffReportMarkdown } from '../src/engine/report/diff-report-markdown.js';
import { diffReportTable } from '../src/engine/report/diff-report-table.js';
import type { HistoryEntry } from '../src/engine/store/store.js';
import { mulberry32, normals } from '../test/engine/stats/seeded-random.js';
import { storeLayout } from '../src/engine/store/store-layout.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';
import { generateYearStore, MACHINE, monthsEnding } from './support/year-store.js';

const CASES = 200;
const RUNS_PER_DAY = 50;
const DAYS = 365;
const DAY = 86_400_000; // ms
const GOAL_MS = 1000;

const reps = Math.max(1, intSetting('reps', 'PERFLAB_BENCH_REPS', 10));
const histories = Math.max(1, intSetting('histories', 'PERFLAB_REPORT_HISTORIES', 10));
const cliReps = Math.max(1, intSetting('cli-reps', 'PERFLAB_REPORT_CLI_REPS', 7));
const storeMonths = Math.max(1, intSetting('months', 'PERFLAB_REPORT_MONTHS', 12));
const BIN = fileURLToPath(new URL('../bin/perflab.js', import.meta.url));
const now = Date.UTC(2025, 11, 31);

/** A year of one case: 2% lognormal noise (seeded), and a +8% step 10 days ago in every third history. */
function history(seed: number): HistoryEntry[] {
  const count = RUNS_PER_DAY * DAYS;
  const normal = normals(mulberry32(seed + 1));
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const ms = now - (count - i) * (DAY / RUNS_PER_DAY);
    const noise = Math.exp(0.02 * normal());
    const step = seed % 3 === 0 && now - ms < 10 * DAY ? 1.08 : 1;
    const errored = (i + seed) % 50 === 0;
    entries.push({
      runId: `r${i}`,
      commit: (i * 2654435761 + seed).toString(16).padStart(40, '0'),
      machine: 'bench-box',
      at: new Date(ms).toISOString(),
      state: errored ? 'errored' : 'ok',
      ...(errored ? {} : { median: 1000 * noise * step, cv: 0.01, n: 100, unit: 'ns' }),
      inWindow: !errored,
    });
  }
  return entries;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

progress(`generating ${histories} histories of ${RUNS_PER_DAY * DAYS} entries`);
const pool = Array.from({ length: histories }, (_, seed) => history(seed));
const cases: DiffCaseInput[] = Array.from({ length: CASES }, (_, i) => ({
  caseId: `suite-${Math.floor(i / 20)}/case-${i % 20}`,
  threshold: 0.03,
  direction: 'lower',
  history: pool[i % histories] as HistoryEntry[],
}));
const input = { now: new Date(now), cases };

const first = timed(() => diffReport(input));
const report: number[] = [];
const table: number[] = [];
const markdown: number[] = [];
const json: number[] = [];
for (let r = 0; r < reps; r++) {
  progress(`rep ${r + 1}/${reps}`);
  const built = timed(() => diffReport(input));
  report.push(built.ms);
  table.push(timed(() => diffReportTable(built.value, { color: false })).ms);
  markdown.push(timed(() => diffReportMarkdown(built.value)).ms);
  json.push(timed(() => JSON.stringify(diffReportJson(built.value))).ms);
}

// Each history is shared by CASES / histories cases, so these count in steps of that.
const stepped = (caseId: string) => (cases.findIndex((c) => c.caseId === caseId) % histories) % 3 === 0;
const isMarked = (c: (typeof first.value.cases)[number]) => c.cells.some((cell) => cell.mark === 'regressed' || cell.mark === 'improved');
const found = first.value.cases.filter((c) => stepped(c.caseId) && isMarked(c)).length;
const falseMarks = first.value.cases.filter((c) => !stepped(c.caseId) && isMarked(c)).length;
const steps = first.value.cases.filter((c) => stepped(c.caseId)).length;
const row = (what: string, ms: readonly number[]) => [what, medianOf(ms).toFixed(1), Math.max(...ms).toFixed(1)];
/** `perflab report` on a generated year-long store, as a process: wall times of `cliReps` runs after one cold run. */
async function endToEnd(): Promise<{ cold: number; warm: number[]; cases: number; status: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-report-bench-'));
  try {
    const until = Date.now() - 3_600_000;
    progress(`generating ${storeMonths} month(s) of the busy lab in ${dir}, ending ${new Date(until).toISOString()} …`);
    await generateYearStore(storeLayout(dir), monthsEnding(new Date(until), storeMonths), until);
    spawnSync('sync');
    const env = { ...process.env, PERFLAB_MACHINE: MACHINE, NO_COLOR: '1' };
    const once = () => {
      const started = performance.now();
      const r = spawnSync(process.execPath, [BIN, 'report', '--store', dir, '--json', join(dir, 'report.json')], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`perflab report exited ${r.status}: ${r.stderr}`);
      return { ms, stdout: r.stdout };
    };
    progress('perflab report, cold');
    const cold = once();
    const warm: number[] = [];
    for (let i = 0; i < cliReps; i++) {
      progress(`perflab report ${i + 1}/${cliReps}`);
      warm.push(once().ms);
    }
    // Table rows start with a box-drawing border: `│ suite-0/case-0 │ …`.
    const cases = cold.stdout.split('\n').filter((line) => /^\W*suite-/.test(line)).length;
    return { cold: cold.ms, warm, cases, status: medianOf(warm) < GOAL_MS ? 'met' : 'MISSED' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const e2e = await endToEnd();

console.log(`## Diff report over a year of history

- Machine: ${machineLine()}
- Date: ${new Date().toISOString()}
- ${CASES} cases × ${RUNS_PER_DAY * DAYS} history entries (${RUNS_PER_DAY} runs a day, ${DAYS} days; ${histories} distinct histories), 5 points, ${reps} reps after one cold run.

${markdownTable(['step', 'median ms', 'max ms'], [['diffReport, first (cold) call', first.ms.toFixed(1), first.ms.toFixed(1)], row('diffReport', report), row('diffReportTable', table), row('diffReportMarkdown', markdown), row('diffReportJson + stringify', json)])}

Cold report: ${first.ms.toFixed(0)} ms. Marked: ${found} of the ${steps} cases with a +8% step 10 days ago; ${falseMarks} of the ${CASES - steps} A/A cases (2% noise), where every mark is false.

### \`perflab report\` end to end (goal < ${GOAL_MS} ms)

${storeMonths} month(s) of the busy lab (support/year-store.ts: ${'200'} cases × 50 runs a day, ending an hour ago), the CLI process from start to exit, table on stdout and JSON to a file; ${e2e.cases} case rows printed.

${markdownTable(['run', 'wall ms'], [['first (cold page cache for the process, warm for the files)', e2e.cold.toFixed(0)], [`median of ${cliReps}`, medianOf(e2e.warm).toFixed(0)], ['max', Math.max(...e2e.warm).toFixed(0)]])}

Goal < ${GOAL_MS} ms: ${e2e.status}.`);
