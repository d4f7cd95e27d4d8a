// Runs, their results and the history read from those results. A case's
// history is not a table of its own: the results table carries the history
// entry's fields (generated from the result) and a covering index on
// (case_id, machine, recorded_at), so a year of one case is one index range.
import type postgres from 'postgres';
import type { Comparison, RecordedResult, Result, Run, Trigger } from '../../model.js';

type FuzzRunRecord = NonNullable<Run['fuzz']>;
import { toUtcIso } from '../month-of.js';
import { deepFreeze } from '../snapshot.js';
import type { HistoryEntry, HistoryQuery, RunFinish } from '../store.js';
import type { Db } from './pg-db.js';
import { iso, isUniqueViolation, jsonb, present, sqlLimit, transaction } from './pg-db.js';

interface RunRow {
  id: string;
  mode: Run['mode'];
  commit: string | null;
  dirty: boolean;
  machine: string;
  trigger: Trigger;
  started_at: Date;
  finished_at: Date | null;
  environment: Run['environment'];
  fuzz: FuzzRunRecord | null;
}

interface ResultRow {
  run_id: string;
  commit: string | null;
  machine: string;
  recorded_at: Date;
  result: Result;
  samples: string | null;
  comparison: Comparison | null;
  in_window: boolean;
}

interface HistoryRow {
  run_id: string;
  commit: string | null;
  machine: string;
  /** Formatted by the server as `toISOString` would: a year of history is ~18 000 rows, and parsing a Date per row shows. */
  at: string;
  state: HistoryEntry['state'];
  median: number | null;
  cv: number | null;
  n: number | null;
  unit: string | null;
  verdict: HistoryEntry['verdict'] | null;
  in_window: boolean;
}

/** `to_char` pattern of `Date#toISOString`, in UTC. */
const ISO_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/** What a history entry is made of, all in the results_history index (so reads are index-only). */
const HISTORY_COLUMNS = (db: Db) => db`run_id, commit, machine, to_char(recorded_at at time zone 'UTC', ${ISO_FORMAT}) as at, state, median, cv, n, unit, verdict, in_window`;

/** Rows per INSERT: 9 parameters each, well under PostgreSQL's 65 535 per statement. */
const INSERT_CHUNK = 1000;

export async function beginRun(db: Db, run: Run): Promise<void> {
  try {
    await db`
      insert into runs (id, mode, commit, dirty, machine, trigger, started_at, finished_at, environment, fuzz)
      values (${run.id}, ${run.mode}, ${run.commit}, ${run.dirty}, ${run.machine}, ${jsonb(db, run.trigger)},
              ${run.startedAt}, ${run.finishedAt}, ${run.environment}, ${run.fuzz ? jsonb(db, run.fuzz) : null})`;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Error(`run ${run.id} already exists`, { cause: error });
    throw error;
  }
}

/**
 * One transaction: the run is marked as having its results (which fails if it
 * already has them, even when two processes try at once), then the results go
 * in. A failure anywhere leaves neither.
 */
export async function recordResults(db: Db, runId: string, results: readonly RecordedResult[]): Promise<void> {
  await transaction(db, async (tx) => {
    const claimed = await tx`update runs set results_recorded_at = now() where id = ${runId} and results_recorded_at is null returning id`;
    if (claimed.length === 0) {
      const known = await tx`select 1 from runs where id = ${runId}`;
      throw new Error(known.length > 0 ? `results of run ${runId} are already recorded` : `cannot record results of run ${runId}: no such run`);
    }
    checkResults(runId, results);
    for (let start = 0; start < results.length; start += INSERT_CHUNK) {
      const rows = results.slice(start, start + INSERT_CHUNK).map((recorded) => resultRow(tx, recorded));
      await tx`insert into results ${tx(rows, 'run_id', 'case_id', 'commit', 'machine', 'recorded_at', 'result', 'samples', 'comparison', 'in_window')}`;
    }
  });
}

export async function finishRun(db: Db, runId: string, patch: RunFinish): Promise<void> {
  const finished = await db`
    update runs set finished_at = ${patch.finishedAt}, environment = ${patch.environment}
      ${patch.fuzz ? db`, fuzz = ${jsonb(db, patch.fuzz)}` : db``}
    where id = ${runId} returning id`;
  if (finished.length === 0) throw new Error(`cannot finish run ${runId}: no such run`);
}

export async function getRun(db: Db, runId: string): Promise<Run | undefined> {
  const [row] = await db<RunRow[]>`select * from runs where id = ${runId}`;
  return row && toRun(row);
}

/** Newest first; runs started at the same time in the order they were begun. */
export async function listRuns(db: Db, limit?: number): Promise<Run[]> {
  const rows = await db<RunRow[]>`select * from runs order by started_at desc, seq limit ${sqlLimit(limit)}`;
  return rows.map(toRun);
}

export async function runResults(db: Db, runId: string): Promise<RecordedResult[]> {
  const rows = await db<ResultRow[]>`
    select run_id, commit, machine, recorded_at, result, samples, comparison, in_window
    from results where run_id = ${runId} order by seq`;
  return rows.map(toRecordedResult);
}

/** Oldest first, as `HistoryQuery` selects: `where recorded_at between …`, newest (or oldest) `limit` first. */
export async function history(db: Db, caseId: string, options: HistoryQuery): Promise<HistoryEntry[]> {
  const limit = sqlLimit(options.limit);
  if (limit === 0) return [];
  const since = options.since === undefined ? undefined : toUtcIso(options.since);
  const until = options.until === undefined ? undefined : toUtcIso(options.until);
  const sinceFilter = db`${since === undefined ? db`` : db`and recorded_at >= ${since}`} ${until === undefined ? db`` : db`and recorded_at <= ${until}`}`;
  let rows: HistoryRow[];
  if (limit !== null && options.oldest) {
    rows = await db<HistoryRow[]>`
      select ${HISTORY_COLUMNS(db)} from results
      where case_id = ${caseId} ${options.machine === undefined ? db`` : db`and machine = ${options.machine}`} ${sinceFilter}
      order by recorded_at, seq limit ${limit}`;
    return rows.map(toHistoryEntry);
  }
  if (limit === null) {
    rows = await db<HistoryRow[]>`
      select ${HISTORY_COLUMNS(db)} from results
      where case_id = ${caseId} ${options.machine === undefined ? db`` : db`and machine = ${options.machine}`} ${sinceFilter}
      order by recorded_at, seq`;
  } else if (options.machine !== undefined) {
    rows = await db<HistoryRow[]>`
      select ${HISTORY_COLUMNS(db)} from results
      where case_id = ${caseId} and machine = ${options.machine} ${sinceFilter}
      order by recorded_at desc, seq desc limit ${limit}`;
  } else {
    // The newest entries of any machine: the index is ordered by machine
    // first, so take each machine's newest (found by skipping from one
    // machine to the next in the index) and keep the newest of those, rather
    // than sort every entry of the case.
    rows = await db<HistoryRow[]>`
      with recursive machines (machine) as (
        (select machine from results where case_id = ${caseId} order by machine limit 1)
        union all
        select (select r.machine from results r where r.case_id = ${caseId} and r.machine > m.machine order by r.machine limit 1)
        from machines m where m.machine is not null
      )
      select newest.* from machines cross join lateral (
        select ${HISTORY_COLUMNS(db)}, recorded_at, seq from results
        where case_id = ${caseId} and machine = machines.machine ${sinceFilter}
        order by recorded_at desc, seq desc limit ${limit}
      ) newest
      order by newest.recorded_at desc, newest.seq desc limit ${limit}`;
  }
  const entries = rows.map(toHistoryEntry);
  return limit === null ? entries : entries.reverse();
}

function resultRow(db: Db, recorded: RecordedResult): Record<string, postgres.SerializableParameter> {
  const { samples, rest } = splitSamples(recorded.result);
  return {
    run_id: recorded.runId,
    case_id: recorded.result.caseId,
    commit: recorded.commit,
    machine: recorded.machine,
    recorded_at: recorded.recordedAt,
    result: jsonb(db, rest),
    samples,
    comparison: recorded.comparison ? jsonb(db, recorded.comparison) : null,
    in_window: recorded.inWindow,
  };
}

/** The samples go in their own text column, as the compact string they came in. */
function splitSamples(result: Result): { samples: string | null; rest: Omit<Result, 'samples'> } {
  if (result.state !== 'ok') return { samples: null, rest: result };
  const { samples, ...rest } = result;
  return { samples, rest };
}

function toRun(row: RunRow): Run {
  const { fuzz } = present({ fuzz: row.fuzz });
  return deepFreeze({
    id: row.id,
    mode: row.mode,
    commit: row.commit,
    dirty: row.dirty,
    machine: row.machine,
    trigger: row.trigger,
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at && iso(row.finished_at),
    environment: row.environment,
    ...(fuzz ? { fuzz } : {}),
  });
}

function toRecordedResult(row: ResultRow): RecordedResult {
  const result = (row.samples === null ? row.result : { ...row.result, samples: row.samples }) as Result;
  return deepFreeze({
    runId: row.run_id,
    commit: row.commit,
    machine: row.machine,
    recordedAt: iso(row.recorded_at),
    result,
    ...(row.comparison ? { comparison: row.comparison } : {}),
    inWindow: row.in_window,
  });
}

/** Field by field rather than through `present`: this runs for every entry of a year. */
function toHistoryEntry(row: HistoryRow): HistoryEntry {
  const entry: HistoryEntry = { runId: row.run_id, commit: row.commit, machine: row.machine, at: row.at, state: row.state, inWindow: row.in_window };
  if (row.median !== null) entry.median = row.median;
  if (row.cv !== null) entry.cv = row.cv;
  if (row.n !== null) entry.n = row.n;
  if (row.unit !== null) entry.unit = row.unit;
  if (row.verdict !== null) entry.verdict = row.verdict;
  return entry;
}

// The same checks as the lowdb store's (disk-store.ts), which keeps its own private copy.
function checkResults(runId: string, results: readonly RecordedResult[]): void {
  const cases = new Set<string>();
  for (const { runId: owner, result } of results) {
    if (owner !== runId) throw new Error(`cannot record a result of run ${owner} as one of run ${runId}`);
    if (cases.has(result.caseId)) throw new Error(`run ${runId} has two results for case ${result.caseId}`);
    cases.add(result.caseId);
  }
}
