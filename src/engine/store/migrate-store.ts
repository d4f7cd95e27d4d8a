// Copies a lowdb store into an empty PostgreSQL database: runs with their
// results (history comes with them: PostgreSQL reads it from the results),
// baselines with their history, alerts, findings, schedules, jobs, watch
// cursors and the audit log. All of it in one transaction, and the counts are
// checked before it commits: a copy that does not add up writes nothing.
//
// The lowdb store is opened (and so locked) for the whole copy, so no perflab
// process writes to it meanwhile. Records are copied as they are, ids, times
// and states included; order is kept where the Store contract hands records
// back in the order they were written.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditEvent, Baseline, Run, WatchCursor } from '../model.js';
import { ErrorCode, PerflabError } from '../errors.js';
import { openStore } from './open-store.js';
import { connectPg } from './postgres/open-pg-store.js';
import * as alerts from './postgres/pg-alerts.js';
import * as audit from './postgres/pg-audit.js';
import * as baselines from './postgres/pg-baselines.js';
import type { Db } from './postgres/pg-db.js';
import * as findings from './postgres/pg-findings.js';
import * as jobs from './postgres/pg-jobs.js';
import * as runs from './postgres/pg-runs.js';
import * as triggers from './postgres/pg-triggers.js';
import { stateFileSchema } from './state-file.js';
import type { Store } from './store.js';
import { parseStoreJson } from './store-file.js';
import { storeLayout } from './store-layout.js';

/** What is counted on both sides; every count must match for the copy to commit. */
export const COUNTED = ['runs', 'results', 'baselines', 'alerts', 'findings', 'auditEvents', 'schedules', 'jobs', 'cursors'] as const;
export type Counted = (typeof COUNTED)[number];
export type Counts = Record<Counted, number>;

export interface MigrateStoreOptions {
  /** What the URL is called in messages. Default: `database URL`. */
  source?: string;
  /** Called after each run is copied (with its results), for progress output. */
  onRun?: (copied: number, total: number) => void;
}

export interface StoreMigration {
  /** Records in the lowdb store and in the database after the copy: equal, or nothing was committed. */
  from: Counts;
  to: Counts;
  /**
   * History entries of the cases copied: lowdb keeps them beside the results,
   * PostgreSQL reads them from the results. They differ only when a lowdb
   * process was killed between writing a run's results and its history.
   */
  history: { from: number; to: number };
}

/**
 * Throws PerflabError Config when the database cannot be reached or already
 * holds perflab records, what `openStore` throws for the lowdb store, and an
 * Error (after rolling back) when the counts do not match.
 */
export async function migrateStore(fromDir: string, toUrl: string, options: MigrateStoreOptions = {}): Promise<StoreMigration> {
  const source = options.source ?? 'database URL';
  const from = await openStore(fromDir);
  try {
    const { sql, where } = await connectPg(toUrl, { source, maxConnections: 1 });
    try {
      return await sql.begin(async (tx) => {
        const existing = await count(tx);
        if (Object.values(existing).some((n) => n > 0)) {
          throw new PerflabError(ErrorCode.Config, `${source} (${where}): the database already holds perflab records (${describe(existing)}); migrate into an empty one`);
        }
        const copied = await copy(from, tx, resolve(fromDir), options.onRun);
        const after = await count(tx);
        const wrong = COUNTED.filter((name) => copied.counts[name] !== after[name]);
        if (wrong.length > 0) {
          throw new Error(`copying ${fromDir} to ${where} does not add up (${wrong.map((name) => `${name}: ${copied.counts[name]} → ${after[name]}`).join(', ')}); nothing was written`);
        }
        return { from: copied.counts, to: after, history: { from: copied.historyFrom, to: await historyEntries(tx, copied.caseIds) } };
      });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await from.close();
  }
}

async function copy(from: Store, db: Db, dir: string, onRun: MigrateStoreOptions['onRun']): Promise<{ counts: Counts; caseIds: Set<string>; historyFrom: number }> {
  const counts: Counts = { runs: 0, results: 0, baselines: 0, alerts: 0, findings: 0, auditEvents: 0, schedules: 0, jobs: 0, cursors: 0 };
  const caseIds = new Set<string>();

  const allRuns = oldestFirst(await from.listRuns(), (run: Run) => run.startedAt);
  for (const run of allRuns) {
    await runs.beginRun(db, run);
    const results = await from.runResults(run.id);
    if (results.length > 0) await runs.recordResults(db, run.id, results);
    for (const recorded of results) caseIds.add(recorded.result.caseId);
    counts.runs++;
    counts.results += results.length;
    onRun?.(counts.runs, allRuns.length);
  }

  // Replaced baselines first, then the current ones in the order they were
  // accepted: the newest row of a case × machine is its current baseline.
  const current = await from.listBaselines();
  const replaced: Baseline[] = [];
  for (const baseline of current) replaced.push(...(await from.baselineHistory(baseline.caseId, baseline.machine)).slice(0, -1));
  for (const baseline of [...replaced, ...current]) await baselines.insertBaseline(db, baseline);
  counts.baselines = replaced.length + current.length;

  for (const alert of await from.listAlerts()) {
    await alerts.addAlert(db, alert);
    counts.alerts++;
  }
  for (const finding of await from.listFindings()) {
    await findings.insertFinding(db, finding);
    counts.findings++;
  }
  for (const schedule of await from.listSchedules()) {
    await triggers.addSchedule(db, schedule);
    counts.schedules++;
  }
  for (const job of await from.listJobs()) {
    await jobs.putJob(db, job, Number.MAX_SAFE_INTEGER);
    counts.jobs++;
  }
  for (const cursor of await readCursors(dir)) {
    await triggers.setCursor(db, cursor);
    counts.cursors++;
  }
  for (const event of oldestFirst(await from.listAudit(), (e: AuditEvent) => e.at)) {
    await audit.appendAudit(db, event);
    counts.auditEvents++;
  }

  let historyFrom = 0;
  for (const caseId of caseIds) historyFrom += (await from.history(caseId)).length;
  return { counts, caseIds, historyFrom };
}

/**
 * Oldest first, from a newest-first list. Records of the same instant are in
 * such a list in the order they were written; a stable sort keeps that, so
 * they are written here in the same order again.
 */
function oldestFirst<T>(newestFirst: readonly T[], timeOf: (record: T) => string): T[] {
  return [...newestFirst].sort((a, b) => Date.parse(timeOf(a)) - Date.parse(timeOf(b)));
}

/** The Store contract reads one cursor at a time by repository and branch; a copy needs them all, from state.json. */
async function readCursors(dir: string): Promise<WatchCursor[]> {
  const file = storeLayout(dir).stateFile;
  return parseStoreJson(await readFile(file, 'utf8'), file, stateFileSchema).cursors;
}

async function count(db: Db): Promise<Counts> {
  const [row] = await db<Counts[]>`
    select (select count(*) from runs)::integer as runs,
           (select count(*) from results)::integer as results,
           (select count(*) from baselines)::integer as baselines,
           (select count(*) from alerts)::integer as alerts,
           (select count(*) from findings)::integer as findings,
           (select count(*) from audit_events)::integer as "auditEvents",
           (select count(*) from schedules)::integer as schedules,
           (select count(*) from jobs)::integer as jobs,
           (select count(*) from watch_cursors)::integer as cursors`;
  if (!row) throw new Error('counting rows returned nothing');
  return row;
}

async function historyEntries(db: Db, caseIds: ReadonlySet<string>): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*)::integer as n from results where case_id = any(${[...caseIds]})`;
  return row?.n ?? 0;
}

function describe(counts: Counts): string {
  return COUNTED.filter((name) => counts[name] > 0)
    .map((name) => `${counts[name]} ${name}`)
    .join(', ');
}
