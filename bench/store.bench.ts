// How the store scales with history (DESIGN §9: a write must cost one
// partition, not all history). Simulates a year of a busy lab — 200 cases ×
// 50 runs a day, every run recording all 200 cases — then measures through
// the public API: opening the store, recording one more run at the end of the
// year, and reading one case's history (the whole year, and the last 100).
//
//   node --import tsx bench/store.bench.ts [--days N] [--keep]
//
// The year is generated straight into the partition files, with the store's
// own layout and serialiser, because recording 18 250 runs through the API
// would take longer than the point is worth. Results files (the full results
// with samples) are generated for the last month only: they are written once
// and never read when recording a run or reading history, so earlier months'
// would only fill the disk.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Alert, AuditEvent, Baseline, RecordedResult, Run } from '../src/engine/model.js';
import { monthOf } from '../src/engine/store/month-of.js';
import { openStore } from '../src/engine/store/open-store.js';
import { emptyState } from '../src/engine/store/state-file.js';
import type { HistoryEntry, Store } from '../src/engine/store/store.js';
import { stringifyRecords } from '../src/engine/store/store-file.js';
import { storeLayout } from '../src/engine/store/store-layout.js';

const CASES = 200;
const RUNS_PER_DAY = 50;
const YEAR = 2025;
const SAMPLES = 100; // per result; encoded as base64 float32, as `encodeSamples` would
const MACHINE = 'bench-box';
const REPEAT_RECORD = 7;
const REPEAT_READ = 7;

const args = process.argv.slice(2);
const days = Number(args[args.indexOf('--days') + 1] ?? 365) || 365;
const keep = args.includes('--keep');

const caseIds = Array.from({ length: CASES }, (_, i) => `suite-${Math.floor(i / 20)}/case-${i % 20}`);

// --- generation ---------------------------------------------------------------

function runAt(day: number, slot: number): Run {
  const startedAt = new Date(Date.UTC(YEAR, 0, 1 + day) + (slot * 86_400_000) / RUNS_PER_DAY).toISOString();
  return {
    id: `r-${startedAt.slice(0, 10)}-${String(slot).padStart(2, '0')}`,
    mode: 'bench',
    commit: hex40(day * RUNS_PER_DAY + slot),
    dirty: false,
    machine: MACHINE,
    trigger: { kind: 'commit', by: 'git' },
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 20 * 60_000).toISOString(),
    environment: 'ok',
  };
}

function hex40(n: number): string {
  return (n.toString(16).padStart(8, '0') + 'a1b2c3d4').repeat(3).slice(0, 40);
}

/** Case k of a run is recorded 5 min + k s after the run starts (same day, whatever the slot). */
function recordedAt(run: Run, k: number): string {
  return new Date(Date.parse(run.startedAt) + 5 * 60_000 + k * 1000).toISOString();
}

function medianOf(run: Run, k: number): number {
  return 1000 + k + (Date.parse(run.startedAt) % 997) / 10;
}

const samples = Buffer.from(new Float32Array(Array.from({ length: SAMPLES }, (_, i) => 1000 + i)).buffer).toString('base64');

function recorded(run: Run, k: number): RecordedResult {
  const caseId = caseIds[k] ?? '';
  const median = medianOf(run, k);
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
      summary: { n: SAMPLES, unit: 'ns', direction: 'lower', median, mad: 3, mean: median + 1, cv: 0.012, min: median - 9, max: median + 40, p50: median, p90: median + 12, p99: median + 35 },
      samples,
      batch: 1000,
    },
    comparison: { caseId, verdict: 'unchanged', reason: 'within noise' },
    inWindow: true,
  };
}

function historyEntry(run: Run, k: number): HistoryEntry {
  const median = medianOf(run, k);
  return { runId: run.id, commit: run.commit, machine: MACHINE, at: recordedAt(run, k), state: 'ok', median, cv: 0.012, n: SAMPLES, unit: 'ns', verdict: 'unchanged', inWindow: true };
}

async function writeText(file: string, text: string): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return text.length;
}

async function generateYear(dir: string): Promise<{ runs: number; entries: number; bytes: number }> {
  const layout = storeLayout(dir);
  const byMonth = new Map<string, Run[]>();
  for (let day = 0; day < days; day++) {
    for (let slot = 0; slot < RUNS_PER_DAY; slot++) {
      const run = runAt(day, slot);
      const month = monthOf(run.startedAt);
      const runs = byMonth.get(month) ?? [];
      runs.push(run);
      byMonth.set(month, runs);
    }
  }
  const months = [...byMonth.keys()].sort();
  let bytes = 0;
  let entries = 0;
  for (const month of months) {
    const runs = byMonth.get(month) ?? [];
    bytes += await writeText(layout.runsFile(month), stringifyRecords({ runs }));
    for (let k = 0; k < CASES; k++) {
      const caseId = caseIds[k] ?? '';
      bytes += await writeText(layout.historyFile(month, caseId), stringifyRecords({ caseId, entries: runs.map((run) => historyEntry(run, k)) }));
      entries += runs.length;
    }
    process.stdout.write(`  ${month}`);
  }
  process.stdout.write('\n');
  const lastMonth = months.at(-1) ?? '';
  for (const run of byMonth.get(lastMonth) ?? []) {
    const results = caseIds.map((_, k) => recorded(run, k));
    bytes += await writeText(layout.resultsFile(lastMonth, run.id), stringifyRecords({ runId: run.id, results }));
  }

  // A plausible year of decisions: a baseline per case accepted about once a month, an alert or two a day.
  const baselines: Baseline[] = [];
  const previousBaselines: Baseline[] = [];
  const audit: AuditEvent[] = [];
  for (let k = 0; k < CASES; k++) {
    for (let m = 0; m < months.length; m++) {
      const run = byMonth.get(months[m] ?? '')?.[k % RUNS_PER_DAY];
      if (!run) continue;
      const baseline: Baseline = { caseId: caseIds[k] ?? '', machine: MACHINE, runId: run.id, commit: run.commit, median: medianOf(run, k), unit: 'ns', acceptedBy: 'slack:U0BENCH', acceptedAt: run.finishedAt ?? run.startedAt, reason: 'expected change' };
      (m === months.length - 1 ? baselines : previousBaselines).push(baseline);
      audit.push({ at: baseline.acceptedAt, actor: baseline.acceptedBy, action: 'baseline.accept', args: { caseId: baseline.caseId, machine: MACHINE, runId: run.id, reason: baseline.reason } });
    }
  }
  const alerts: Alert[] = [];
  for (let day = 0; day < days; day++) {
    const run = runAt(day, 7);
    alerts.push({ id: `alert-${run.id}`, runId: run.id, commit: run.commit, kind: 'regression', caseIds: [caseIds[day % CASES] ?? ''], state: 'dismissed', createdAt: run.startedAt, stateBy: 'slack:U0BENCH', stateAt: run.startedAt });
  }
  // Written as schema version 2 (the layout generated above); opening migrates it. TODO: generate schema 3 directly.
  const state = { ...emptyState(2), baselines, previousBaselines, alerts };
  bytes += await writeText(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  audit.sort((a, b) => a.at.localeCompare(b.at));
  for (const month of months) {
    bytes += await writeText(layout.auditFile(month), stringifyRecords({ events: audit.filter((event) => monthOf(event.at) === month) }));
  }
  return { runs: days * RUNS_PER_DAY, entries, bytes };
}

// --- measurement --------------------------------------------------------------

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Records one run of all cases, started at `startedAt`; returns the time of each step, ms. */
async function recordOneRun(store: Store, id: string, startedAt: string): Promise<{ begin: number; record: number; finish: number }> {
  const run: Run = { ...runAt(0, 0), id, startedAt, finishedAt: null };
  const results = caseIds.map((_, k) => recorded(run, k));
  const begin = await time(() => store.beginRun(run));
  const record = await time(() => store.recordResults(id, results));
  const finish = await time(() => store.finishRun(id, { finishedAt: new Date(Date.parse(startedAt) + 20 * 60_000).toISOString(), environment: 'ok' }));
  return { begin: begin.ms, record: record.ms, finish: finish.ms };
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

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-store-bench-'));
  const rows: Array<[string, string]> = [];
  try {
    console.log(`generating ${days} days × ${RUNS_PER_DAY} runs × ${CASES} cases in ${dir} …`);
    const generated = await time(() => generateYear(dir));
    // Flush the generated year to disk, so the writes measured below do not queue behind it.
    spawnSync('sync');
    const disk = await duSize(dir);
    rows.push(['generated (direct to files)', `${generated.value.runs} runs, ${generated.value.entries} history entries, ${disk.files} files, ${mb(disk.bytes)}, in ${(generated.ms / 1000).toFixed(1)} s`]);

    const opened = await time(() => openStore(dir));
    const store = opened.value;
    rows.push(['openStore (loads runs, audit, state)', fmt(opened.ms)]);

    // End of the year: December's partitions are full (31 days × 50 runs per case file).
    const lastDay = new Date(Date.UTC(YEAR, 0, days)).toISOString().slice(0, 10);
    const late: Array<{ begin: number; record: number; finish: number }> = [];
    for (let i = 0; i < REPEAT_RECORD; i++) {
      late.push(await recordOneRun(store, `bench-late-${i}`, `${lastDay}T23:${String(40 + i).padStart(2, '0')}:00.000Z`));
    }
    rows.push([`record 1 run, end of year (median of ${REPEAT_RECORD})`, fmt(median(late.map((t) => t.begin + t.record + t.finish)))]);
    rows.push(['  beginRun', fmt(median(late.map((t) => t.begin)))]);
    rows.push([`  recordResults (${CASES} results)`, fmt(median(late.map((t) => t.record)))]);
    rows.push(['  finishRun', fmt(median(late.map((t) => t.finish)))]);

    // For comparison: the first run of a new month, where every partition is empty.
    const fresh: number[] = [];
    for (let i = 0; i < REPEAT_RECORD; i++) {
      const t = await recordOneRun(store, `bench-fresh-${i}`, `${YEAR + 1}-01-01T00:0${i}:00.000Z`);
      fresh.push(t.begin + t.record + t.finish);
    }
    rows.push(['record 1 run, first of a month (empty partitions)', fmt(median(fresh))]);

    const caseId = caseIds[123] ?? '';
    const year: number[] = [];
    let yearLength = 0;
    for (let i = 0; i < REPEAT_READ; i++) {
      const t = await time(() => store.history(caseId, { machine: MACHINE, since: `${YEAR}-01-01T00:00:00.000Z`, limit: undefined }));
      year.push(t.ms);
      yearLength = t.value.length;
    }
    rows.push([`history(case), full year: ${yearLength} entries (median of ${REPEAT_READ})`, fmt(median(year))]);

    const last: number[] = [];
    for (let i = 0; i < REPEAT_READ * 3; i++) last.push((await time(() => store.history(caseId, { limit: 100 }))).ms);
    rows.push([`history(case, { limit: 100 }) (median of ${REPEAT_READ * 3})`, fmt(median(last))]);

    const listed = await time(() => store.listRuns({ limit: 50 }));
    rows.push(['listRuns({ limit: 50 })', fmt(listed.ms)]);
    await store.close();
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }

  const cpu = cpus();
  console.log('');
  console.log(`perflab store bench — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${process.platform}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

await main();
