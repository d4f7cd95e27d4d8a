// How the store scales with age (DESIGN §9: a write costs the size of the run,
// opening does not grow with the store's age). Simulates a busy lab — 200
// cases × 50 runs a day, every run recording all 200 cases — for 1 and for 3
// years, then measures through the public API: opening the store, recording
// one more run (200 results) on several days of a month, and reading one
// case's history.
//
//   node --import tsx bench/store.bench.ts [--years 1,3] [--reps 7] [--keep] [--months N]
//
// (`--months N` generates only the first N months of each period: a quick check that the bench runs.)
//
// Goals (issue "lowdb stays fast for years"): record a run ≤ 30 ms on any day
// of the month; ≤ 200 KB written per run; openStore ≤ 150 ms at 3 years; one
// case's year of history ≤ 50 ms.
//
// The years are generated straight into the files (support/year-store.ts).
// The runs recorded here carry 100 noisy Float32 samples per result, as
// `encodeSamples` writes them, so that gzip gets no easier data than a real
// run gives it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordedResult, Run } from '../src/engine/model.js';
import { openStore } from '../src/engine/store/open-store.js';
import type { Store } from '../src/engine/store/store.js';
import { storeLayout } from '../src/engine/store/store-layout.js';
import { machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';
import { CASES, caseIds, generateYearStore, MACHINE, medianFor, monthsEnding, recordedAt, RUNS_PER_DAY, runAt, SAMPLES } from './support/year-store.js';

const FIRST_YEAR = 2023;

const args = process.argv.slice(2);
const setting = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const yearsToRun = setting('years', '1,3').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const REPS = Number(setting('reps', '7')) || 7;
const keep = args.includes('--keep');
const monthsCap = Number(setting('months', '0')) || Infinity;

// --- generation ---------------------------------------------------------------

let seed = 42;
/** Deterministic uniform [0, 1). */
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

/** 100 samples around the median with 1.2% noise, Float32, base64. */
function samplesAround(median: number): string {
  const values = Float32Array.from({ length: SAMPLES }, () => median * (1 + (random() + random() + random() - 1.5) * 0.024));
  return Buffer.from(values.buffer).toString('base64');
}

function recorded(run: Run, k: number): RecordedResult {
  const caseId = caseIds[k] ?? '';
  const median = medianFor(run, k);
  const [suite = '', name = ''] = caseId.split('/');
  return {
    runId: run.id,
    commit: run.commit,
    machine: run.machine,
    recordedAt: recordedAt(run, k),
    result: {
      caseId,
      suite,
      name,
      mode: 'bench',
      state: 'ok',
      kind: 'function',
      summary: { n: SAMPLES, unit: 'ns', direction: 'lower', median, mad: 3.127, mean: median + 1.31, cv: 0.0121, min: median - 9.4, max: median + 40.2, p50: median, p90: median + 12.6, p99: median + 35.9 },
      samples: samplesAround(median),
      batch: 1000,
    },
    comparison: { caseId, verdict: 'unchanged', reason: 'within noise' },
    inWindow: true,
  };
}

// --- measurement --------------------------------------------------------------

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Bytes this process has passed to write(2) so far (all threads), from /proc/self/io. */
function bytesWritten(): number {
  const match = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return Number(match?.[1] ?? NaN);
}

interface Recording {
  ms: number;
  bytes: number;
}

/** Begins, records (200 results) and finishes one run started at `startedAt`. */
async function recordOneRun(store: Store, startedAt: string, suffix: number): Promise<Recording> {
  const run = runAt(Date.parse(startedAt), suffix);
  const results = caseIds.map((_, k) => recorded(run, k)); // built before the clock starts: that is the measuring stage's work
  const before = bytesWritten();
  const { ms } = await time(async () => {
    await store.beginRun(run);
    await store.recordResults(run.id, results);
    await store.finishRun(run.id, { finishedAt: new Date(Date.parse(startedAt) + 20 * 60_000).toISOString(), environment: 'ok' });
  });
  return { ms, bytes: bytesWritten() - before };
}

async function duSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(0)} KB`;
const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(2)} GB`;

async function benchYears(years: number): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), `perflab-store-bench-${years}y-`));
  const rows: string[][] = [];
  const row = (what: string, value: string, goal = ''): void => void rows.push([what, value, goal]);
  try {
    progress(`generating ${years} year(s) × 365 days × ${RUNS_PER_DAY} runs × ${CASES} cases in ${dir} …`);
    const generated = await time(() => generateYearStore(storeLayout(dir), monthsEnding(new Date(Date.UTC(FIRST_YEAR + years - 1, 11, 1)), years * 12).slice(0, monthsCap)));
    // Flush the generated files, so the writes measured below do not queue behind them.
    spawnSync('sync');
    const disk = await duSize(dir);
    row('generated (straight to files)', `${generated.value.runs} runs, ${generated.value.entries} history lines, ${disk.files} files, ${gb(disk.bytes)}, in ${(generated.ms / 1000).toFixed(0)} s`);

    const opens: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const opened = await time(() => openStore(dir));
      opens.push(opened.ms);
      await opened.value.close();
    }
    row(`openStore (median of ${REPS}; first ${fmt(opens[0] ?? NaN)})`, `${fmt(medianOf(opens))}, max ${fmt(Math.max(...opens))}`, '≤ 150 ms at 3 years');

    // Recording on several days of a month: the last day of the generated
    // period (its month full: 1 550 lines per case file), the first of a new
    // month (new files), and a few days into it. Each day starts with a fresh
    // open, so its first run pays the one-time check of each file's tail.
    const lastYear = FIRST_YEAR + years - 1;
    const days: Array<[string, string]> = [
      [`${generated.value.lastDay} (end of a full month)`, `${generated.value.lastDay}T23:00:00.000Z`],
      [`${lastYear + 1}-01-01 (first of a month)`, `${lastYear + 1}-01-01T00:10:00.000Z`],
      [`${lastYear + 1}-01-15`, `${lastYear + 1}-01-15T12:00:00.000Z`],
      [`${lastYear + 1}-01-28`, `${lastYear + 1}-01-28T12:00:00.000Z`],
    ];
    const all: Recording[] = [];
    for (const [label, start] of days) {
      const store = await openStore(dir);
      const recordings: Recording[] = [];
      for (let i = 0; i < REPS; i++) recordings.push(await recordOneRun(store, new Date(Date.parse(start) + i * 60_000).toISOString(), 0xbe000 + i));
      await store.close();
      all.push(...recordings);
      row(`record a run of ${CASES} results, ${label}`, `median ${fmt(medianOf(recordings.map((r) => r.ms)))}, max ${fmt(Math.max(...recordings.map((r) => r.ms)))} (first after open ${fmt(recordings[0]?.ms ?? NaN)})`);
    }
    row(`record a run, all ${all.length} above`, `median ${fmt(medianOf(all.map((r) => r.ms)))}, max ${fmt(Math.max(...all.map((r) => r.ms)))}`, '≤ 30 ms');
    row('bytes written per run (write(2) bytes)', `median ${kb(medianOf(all.map((r) => r.bytes)))}, max ${kb(Math.max(...all.map((r) => r.bytes)))}`, '≤ 200 KB');

    const store = await openStore(dir);
    const caseId = caseIds[123] ?? '';
    const since = `${lastYear}-01-01T00:00:00.000Z`;
    const year: number[] = [];
    let yearLength = 0;
    for (let i = 0; i < REPS; i++) {
      const t = await time(() => store.history(caseId, { machine: MACHINE, since }));
      year.push(t.ms);
      yearLength = t.value.length;
    }
    row(`history(case, since ${lastYear}-01-01): a year, ${yearLength} entries (median of ${REPS})`, `${fmt(medianOf(year))}, max ${fmt(Math.max(...year))}`, '≤ 50 ms');
    if (years > 1) {
      const whole = await time(() => store.history(caseId));
      row(`history(case): all ${years} years, ${whole.value.length} entries`, fmt(whole.ms));
    }
    const last: number[] = [];
    for (let i = 0; i < REPS * 3; i++) last.push((await time(() => store.history(caseId, { limit: 100 }))).ms);
    row(`history(case, { limit: 100 }) (median of ${REPS * 3})`, fmt(medianOf(last)));
    row('listRuns({ limit: 50 })', fmt((await time(() => store.listRuns({ limit: 50 }))).ms));
    row(`getRun(a run of ${generated.value.months[0] ?? ''}) (reads that month)`, fmt((await time(() => store.getRun(generated.value.oldRunId))).ms));
    row('listAudit({ limit: 20 })', fmt((await time(() => store.listAudit({ limit: 20 }))).ms));
    row('baselineHistory(case) (one file)', fmt((await time(() => store.baselineHistory(caseId, MACHINE))).ms));
    const alerts = await time(() => store.listAlerts());
    row(`listAlerts(): all ${alerts.value.length} (reads the whole archive)`, fmt(alerts.ms));
    await store.close();
  } finally {
    if (keep) progress(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const tables: string[] = [];
  for (const years of yearsToRun) {
    const rows = await benchYears(years);
    tables.push(`### ${years} year${years === 1 ? '' : 's'} (${years * 365 * RUNS_PER_DAY} runs)\n\n${markdownTable(['what', 'measured', 'goal'], rows)}`);
  }
  console.log(`perflab store bench — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${machineLine()}`);
  console.log(`${CASES} cases × ${RUNS_PER_DAY} runs a day, ${SAMPLES} samples a result; warm page cache\n`);
  console.log(tables.join('\n\n'));
}

await main();
