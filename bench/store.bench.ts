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
// The years are generated straight into the files, in the store's schema 3
// layout and with the store's own layout functions, because recording 55 000
// runs through the API would take longer than the point is worth. Results
// files (full results with samples) are not generated for the past: each is
// one run's own file, which no measured operation reads. Samples are 100
// noisy Float32 values per result, as `encodeSamples` writes them, so that
// gzip gets no easier data than a real run gives it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Alert, AuditEvent, Baseline, Job, RecordedResult, Run } from '../src/engine/model.js';
import { SCHEMA_VERSION } from '../src/engine/store/migrations.js';
import { openStore } from '../src/engine/store/open-store.js';
import { emptyState, type StateFile } from '../src/engine/store/state-file.js';
import type { HistoryEntry, Store } from '../src/engine/store/store.js';
import { storeLayout, type StoreLayout } from '../src/engine/store/store-layout.js';
import { machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const CASES = 200;
const RUNS_PER_DAY = 50;
const SAMPLES = 100; // per result
const FIRST_YEAR = 2023;
const MACHINE = 'bench-box';
const DAY = 86_400_000; // ms

const args = process.argv.slice(2);
const setting = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const yearsToRun = setting('years', '1,3').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const REPS = Number(setting('reps', '7')) || 7;
const keep = args.includes('--keep');
const monthsCap = Number(setting('months', '0')) || Infinity;

const caseIds = Array.from({ length: CASES }, (_, i) => `suite-${Math.floor(i / 20)}/case-${i % 20}`);

// --- generation ---------------------------------------------------------------

/** A run id as `newRunId` makes them: its start time, then a suffix. */
function runId(startedAt: string, suffix: number): string {
  return `${startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${suffix.toString(16).padStart(6, '0')}`;
}

function runAt(ms: number, suffix: number): Run {
  const startedAt = new Date(ms).toISOString();
  return {
    id: runId(startedAt, suffix),
    mode: 'bench',
    commit: hex40(suffix + ms),
    dirty: false,
    machine: MACHINE,
    trigger: { kind: 'commit', by: 'git' },
    startedAt,
    finishedAt: null,
    environment: 'ok',
  };
}

function hex40(n: number): string {
  return (n.toString(16).padStart(12, '0') + 'a1b2c3d4').repeat(3).slice(0, 40);
}

/** Case k of a run is recorded 5 min + k s after the run starts. */
function recordedAt(run: Run, k: number): string {
  return new Date(Date.parse(run.startedAt) + 5 * 60_000 + k * 1000).toISOString();
}

function medianFor(run: Run, k: number): number {
  return 1000 + k + (Date.parse(run.startedAt) % 997) / 10;
}

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

function historyEntry(run: Run, k: number): HistoryEntry {
  return { runId: run.id, commit: run.commit, machine: MACHINE, at: recordedAt(run, k), state: 'ok', median: medianFor(run, k), cv: 0.0121, n: SAMPLES, unit: 'ns', verdict: 'unchanged', inWindow: true };
}

const lines = (records: readonly unknown[]): string => records.map((record) => `${JSON.stringify(record)}\n`).join('');

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

interface Generated {
  runs: number;
  entries: number;
  months: string[];
  /** A run of the first month, for `getRun` of an old id. */
  oldRunId: string;
  lastDay: string;
}

/** `years` of the busy lab, ending on Dec 31 of FIRST_YEAR + years − 1, in schema 3's layout. */
async function generate(layout: StoreLayout, years: number): Promise<Generated> {
  const months: string[] = [];
  let runs = 0;
  let entries = 0;
  let oldRunId = '';
  const replaced = new Map<string, Baseline[]>(); // per case
  let current: Baseline[] = [];
  let lastDay = '';
  for (let year = FIRST_YEAR; year < FIRST_YEAR + years; year++) {
    for (let m = 0; m < 12; m++) {
      if (months.length >= monthsCap) break;
      const month = `${year}-${String(m + 1).padStart(2, '0')}`;
      months.push(month);
      const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      const monthRuns: Run[] = [];
      for (let day = 1; day <= days; day++) {
        for (let slot = 0; slot < RUNS_PER_DAY; slot++) monthRuns.push(runAt(Date.UTC(year, m, day) + (slot * DAY) / RUNS_PER_DAY, slot));
        lastDay = `${month}-${String(day).padStart(2, '0')}`;
      }
      oldRunId ||= monthRuns[0]?.id ?? '';
      runs += monthRuns.length;
      // Two lines a run, as the store writes them: begun, then finished.
      const finished = (run: Run): Run => ({ ...run, finishedAt: new Date(Date.parse(run.startedAt) + 20 * 60_000).toISOString() });
      await writeText(layout.runsFile(month), lines(monthRuns.flatMap((run) => [run, finished(run)])));
      for (let k = 0; k < CASES; k++) {
        await writeText(layout.historyFile(month, caseIds[k] ?? ''), lines(monthRuns.map((run) => historyEntry(run, k))));
        entries += monthRuns.length;
      }

      // A baseline per case accepted once a month (audited); the month's earlier one is replaced.
      const audit: AuditEvent[] = [];
      const accepted = caseIds.map((caseId, k): Baseline => {
        const run = monthRuns[k % RUNS_PER_DAY] as Run;
        return { caseId, machine: MACHINE, runId: run.id, commit: run.commit, median: medianFor(run, k), unit: 'ns', acceptedBy: 'slack:U0BENCH', acceptedAt: finished(run).finishedAt ?? run.startedAt, reason: 'expected change' };
      });
      for (const baseline of accepted) audit.push({ at: baseline.acceptedAt, actor: baseline.acceptedBy, action: 'baseline.accept', args: { caseId: baseline.caseId, machine: MACHINE, runId: baseline.runId, reason: baseline.reason } });
      for (const old of current) replaced.set(old.caseId, [...(replaced.get(old.caseId) ?? []), old]);
      current = accepted;
      // An alert a day, dismissed (closed alerts live in the archive).
      const alerts: Alert[] = [];
      for (let day = 0; day < days; day++) {
        const run = monthRuns[day * RUNS_PER_DAY + 7] as Run;
        alerts.push({ id: `${run.id}-regression`, runId: run.id, commit: run.commit, kind: 'regression', caseIds: [caseIds[day % CASES] ?? ''], state: 'dismissed', createdAt: run.startedAt, stateBy: 'slack:U0BENCH', stateAt: run.startedAt, delivery: { state: 'posted', attempts: 1, channel: 'C0PERF', ts: '1700000000.000100' } });
        audit.push({ at: run.startedAt, actor: 'slack:U0BENCH', action: 'alert.dismiss', args: { alertId: `${run.id}-regression` } });
      }
      await writeText(layout.alertsFile(month), lines(alerts));
      await writeText(layout.auditFile(month), lines(audit.sort((a, b) => a.at.localeCompare(b.at))));
      progress(`  generated ${month}`);
    }
  }
  for (const [caseId, list] of replaced) await writeText(layout.baselinesFile(caseId), lines(list));

  // What state.json holds in a busy lab: current baselines, the alerts still open, schedules, the job queue's tail, cursors.
  const recent = months.at(-1) ?? '';
  const openAlerts: Alert[] = [0, 1, 2].map((i) => ({ id: `open-${i}`, runId: `run-${i}`, commit: hex40(i), kind: 'regression', caseIds: [caseIds[i] ?? ''], state: 'open', createdAt: `${recent}-2${i}T10:00:00.000Z` }));
  const jobs: Job[] = Array.from({ length: 100 }, (_, i) => ({ id: `job-${i}`, kind: 'commit', description: `commit ${hex40(i).slice(0, 12)}`, trigger: { kind: 'commit', by: 'git' }, request: { commit: hex40(i) }, priority: 0, dedupeKey: `commit ${hex40(i)}`, state: 'done', createdAt: `${recent}-28T10:00:00.000Z`, finishedAt: `${recent}-28T10:20:00.000Z`, restarts: 0 }));
  const state: StateFile = {
    ...emptyState(SCHEMA_VERSION),
    baselines: current,
    alerts: openAlerts,
    schedules: [{ id: 'nightly', cron: '0 3 * * *', timezone: 'UTC', pattern: '*', mode: 'bench', createdBy: 'slack:U0BENCH', createdAt: `${FIRST_YEAR}-01-01T00:00:00.000Z`, source: 'store' }],
    jobs,
    cursors: [{ repo: 'git@example.com:app.git', branch: 'main', commit: hex40(7), at: `${recent}-28T10:00:00.000Z` }],
  };
  await writeText(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return { runs, entries, months, oldRunId, lastDay };
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
    const generated = await time(() => generate(storeLayout(dir), years));
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
