// Baselines: every acceptance is a row, and a case × machine's current
// baseline is its newest one. Accepting never updates a row, so two people
// accepting at once cannot collide: the later acceptance is the current one.
import type { Baseline } from '../../model.js';
import { deepFreeze } from '../snapshot.js';
import { appendAudit } from './pg-audit.js';
import type { Db } from './pg-db.js';
import { iso, transaction } from './pg-db.js';

interface BaselineRow {
  case_id: string;
  machine: string;
  run_id: string;
  commit: string | null;
  median: number;
  unit: string;
  accepted_by: string;
  accepted_at: Date;
  reason: string;
  run_medians: number[] | null;
}

/** The baseline and its audit event, in one transaction: neither is ever recorded without the other. */
export async function acceptBaseline(db: Db, baseline: Baseline): Promise<void> {
  const { caseId, machine, runId, reason } = baseline;
  await transaction(db, async (tx) => {
    await appendAudit(tx, { at: new Date().toISOString(), actor: baseline.acceptedBy, action: 'baseline.accept', args: { caseId, machine, runId, reason } });
    await insertBaseline(tx, baseline);
  });
}

/** Records an acceptance as it was, without auditing it again (copying a store). */
export async function insertBaseline(db: Db, baseline: Baseline): Promise<void> {
  await db`
    insert into baselines (case_id, machine, run_id, commit, median, unit, accepted_by, accepted_at, reason, run_medians)
    values (${baseline.caseId}, ${baseline.machine}, ${baseline.runId}, ${baseline.commit}, ${baseline.median}, ${baseline.unit},
            ${baseline.acceptedBy}, ${baseline.acceptedAt}, ${baseline.reason}, ${baseline.runMedians ? db.array(baseline.runMedians) : null}::double precision[])`;
}

export async function getBaseline(db: Db, caseId: string, machine: string): Promise<Baseline | undefined> {
  const [row] = await db<BaselineRow[]>`select * from baselines where case_id = ${caseId} and machine = ${machine} order by seq desc limit 1`;
  return row && toBaseline(row);
}

/** Current baselines, in the order they were accepted. */
export async function listBaselines(db: Db, machine?: string): Promise<Baseline[]> {
  const rows = await db<BaselineRow[]>`
    select * from (
      select distinct on (case_id, machine) * from baselines
      ${machine === undefined ? db`` : db`where machine = ${machine}`}
      order by case_id, machine, seq desc
    ) current order by seq`;
  return rows.map(toBaseline);
}

/** Oldest first; the current one is last. */
export async function baselineHistory(db: Db, caseId: string, machine: string): Promise<Baseline[]> {
  const rows = await db<BaselineRow[]>`select * from baselines where case_id = ${caseId} and machine = ${machine} order by seq`;
  return rows.map(toBaseline);
}

function toBaseline(row: BaselineRow): Baseline {
  return deepFreeze({
    caseId: row.case_id,
    machine: row.machine,
    runId: row.run_id,
    commit: row.commit,
    median: row.median,
    unit: row.unit,
    acceptedBy: row.accepted_by,
    acceptedAt: iso(row.accepted_at),
    reason: row.reason,
    ...(row.run_medians ? { runMedians: row.run_medians.map(Number) } : {}),
  });
}
