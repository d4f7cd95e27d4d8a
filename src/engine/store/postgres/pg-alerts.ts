// Alerts. A transition is one conditional UPDATE (`… where state = any($from)
// returning *`): the row lock makes the check and the change one step, so of
// two people clicking at once, on one machine or two, exactly one moves it.
import type { Alert, AlertDelivery, AlertKind, AlertState, Culprit, Drift, FixedIn } from '../../model.js';
import { deepFreeze } from '../snapshot.js';
import type { AlertStatePatch, Transition } from '../store.js';
import type { Db } from './pg-db.js';
import { iso, isUniqueViolation, jsonb, present } from './pg-db.js';

interface AlertRow {
  id: string;
  run_id: string;
  commit: string | null;
  kind: AlertKind;
  case_ids: string[];
  finding_ids: string[] | null;
  state: AlertState;
  created_at: Date;
  state_by: string | null;
  state_at: Date | null;
  investigation: Alert['investigation'] | null;
  message: string | null;
  culprit: Culprit | null;
  delivery: AlertDelivery | null;
  drift: Drift | null;
  fixed_in: FixedIn | null;
}

export async function addAlert(db: Db, alert: Alert): Promise<void> {
  const optional = (value: unknown) => (value === undefined ? null : jsonb(db, value));
  try {
    await db`
      insert into alerts (id, run_id, commit, kind, case_ids, finding_ids, state, created_at, state_by, state_at, investigation, message, culprit, delivery, drift, fixed_in)
      values (${alert.id}, ${alert.runId}, ${alert.commit}, ${alert.kind}, ${alert.caseIds}, ${alert.findingIds ?? null}, ${alert.state},
              ${alert.createdAt}, ${alert.stateBy ?? null}, ${alert.stateAt ?? null}, ${optional(alert.investigation)}, ${alert.message ?? null},
              ${optional(alert.culprit)}, ${optional(alert.delivery)}, ${optional(alert.drift)}, ${optional(alert.fixedIn)})`;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Error(`alert ${alert.id} already exists`, { cause: error });
    throw error;
  }
}

export async function getAlert(db: Db, id: string): Promise<Alert | undefined> {
  const [row] = await db<AlertRow[]>`select * from alerts where id = ${id}`;
  return row && toAlert(row);
}

/** In creation order. */
export async function listAlerts(db: Db, state?: AlertState): Promise<Alert[]> {
  const rows = await db<AlertRow[]>`select * from alerts ${state === undefined ? db`` : db`where state = ${state}`} order by seq`;
  return rows.map(toAlert);
}

export async function transitionAlert(db: Db, id: string, from: readonly AlertState[], to: AlertState, by: string, patch: AlertStatePatch = {}): Promise<Transition> {
  const [moved] = await db<AlertRow[]>`
    update alerts set state = ${to}, state_by = ${by}, state_at = ${new Date().toISOString()}
      ${'investigation' in patch ? db`, investigation = ${patch.investigation === undefined ? null : jsonb(db, patch.investigation)}` : db``}
      ${'fixedIn' in patch ? db`, fixed_in = ${patch.fixedIn === undefined ? null : jsonb(db, patch.fixedIn)}` : db``}
    where id = ${id} and state = any(${[...from]})
    returning *`;
  if (moved) return { ok: true, alert: toAlert(moved) };
  // A second statement, so a fresh snapshot: when a concurrent transition won,
  // this shows the alert as that transition left it.
  const current = await getAlert(db, id);
  return current ? { ok: false, reason: 'wrong-state', alert: current } : { ok: false, reason: 'not-found' };
}

/** Adds facts to an alert (its delivery, a culprit); never its state, which only `transitionAlert` moves. */
export async function patchAlert(db: Db, id: string, patch: { culprit: Culprit } | { delivery: AlertDelivery }): Promise<Alert | undefined> {
  const [row] = await db<AlertRow[]>`
    update alerts set ${'culprit' in patch ? db`culprit = ${jsonb(db, patch.culprit)}` : db`delivery = ${jsonb(db, patch.delivery)}`}
    where id = ${id} returning *`;
  return row && toAlert(row);
}

/**
 * One conditional UPDATE, so of two processes claiming at once exactly one
 * gets the row. Claim times are the database's clock, as job leases are.
 */
export async function claimAlertDelivery(db: Db, id: string, by: string, leaseMs: number): Promise<Alert | undefined> {
  const [row] = await db<AlertRow[]>`
    update alerts set delivery = jsonb_build_object(
        'state', 'posting',
        'attempts', coalesce((delivery ->> 'attempts')::integer, 0),
        'claims', coalesce((delivery ->> 'claims')::integer, 0) + 1,
        'claimedBy', ${by}::text,
        'claimedUntil', to_char((now() + ${leaseMs} * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    where id = ${id} and (
      delivery is null
      or delivery ->> 'state' = 'pending'
      or (delivery ->> 'state' = 'posting' and (delivery ->> 'claimedUntil')::timestamptz < now()))
    returning *`;
  return row && toAlert(row);
}

function toAlert(row: AlertRow): Alert {
  const optional = present({
    findingIds: row.finding_ids,
    stateBy: row.state_by,
    stateAt: row.state_at && iso(row.state_at),
    investigation: row.investigation,
    message: row.message,
    culprit: row.culprit,
    delivery: row.delivery,
    drift: row.drift,
    fixedIn: row.fixed_in,
  });
  return deepFreeze({
    id: row.id,
    runId: row.run_id,
    commit: row.commit,
    kind: row.kind,
    caseIds: row.case_ids,
    state: row.state,
    createdAt: iso(row.created_at),
    ...optional,
    // Rows are written from Alerts, so the row's kind goes with the fields it has.
  } as Alert);
}
