// Findings, one per mode × signature (a unique index). What a sighting or a
// clean run does is decided by the shared lifecycle (finding-lifecycle.ts),
// inside a transaction that holds the finding's row lock, so two processes
// reporting the same bug at once count two sightings of one finding.
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { cleanRun, sightFinding } from '../../alert/finding-lifecycle.js';
import type { Finding, FindingReport, FindingState, Sighting } from '../../model.js';
import { deepFreeze, snapshot } from '../snapshot.js';
import type { FindingSighting, FindingTransition } from '../store.js';
import type { Db } from './pg-db.js';
import { iso, jsonb, present, transaction } from './pg-db.js';

interface FindingRow {
  id: string;
  mode: Finding['mode'];
  case_id: string;
  signature: string;
  kind: string;
  state: FindingState;
  flaky: boolean;
  title: string;
  evidence: string;
  repro: string | null;
  detail: Record<string, unknown>;
  first_seen: Sighting;
  last_seen: Sighting;
  fixed_in: Sighting | null;
  count: number;
  state_by: string | null;
  state_at: Date | null;
  clean_runs: number | null;
}

export interface FindingFilter {
  state?: FindingState;
  mode?: Finding['mode'];
  caseId?: string;
}

/** Every column but `id` and `seq`, as `findingValues` fills them. */
const COLUMNS = ['mode', 'case_id', 'signature', 'kind', 'state', 'flaky', 'title', 'evidence', 'repro', 'detail', 'first_seen', 'last_seen', 'fixed_in', 'count', 'state_by', 'state_at', 'clean_runs'] as const;

export async function recordFinding(db: Db, report: FindingReport, seen: Sighting): Promise<FindingSighting> {
  return transaction(db, async (tx) => {
    // Twice at most: when another process inserts the signature between our
    // look and our insert, the insert does nothing and the second look finds it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const [row] = await tx<FindingRow[]>`select * from findings where mode = ${report.mode} and signature = ${report.signature} for update`;
      const sighting = sightFinding(row && toFinding(row), report, seen, `f-${randomBytes(4).toString('hex')}`);
      if (row) {
        await writeFinding(tx, sighting.finding);
        return freezeSighting(sighting);
      }
      const values = findingValues(tx, sighting.finding);
      const inserted = await tx`
        insert into findings ${tx({ id: sighting.finding.id, ...values }, 'id', ...COLUMNS)}
        on conflict (mode, signature) do nothing returning id`;
      if (inserted.length > 0) return freezeSighting(sighting);
    }
    throw new Error(`finding ${report.mode} ${report.signature} could not be recorded: its row came and went`);
  });
}

export async function getFinding(db: Db, id: string): Promise<Finding | undefined> {
  const [row] = await db<FindingRow[]>`select * from findings where id = ${id}`;
  return row && toFinding(row);
}

/** In discovery order. */
export async function listFindings(db: Db, filter: FindingFilter = {}): Promise<Finding[]> {
  const rows = await db<FindingRow[]>`
    select * from findings where true
      ${filter.state === undefined ? db`` : db`and state = ${filter.state}`}
      ${filter.mode === undefined ? db`` : db`and mode = ${filter.mode}`}
      ${filter.caseId === undefined ? db`` : db`and case_id = ${filter.caseId}`}
    order by seq`;
  return rows.map(toFinding);
}

export async function transitionFinding(db: Db, id: string, from: readonly FindingState[], to: FindingState, by: string, patch: Partial<Pick<Finding, 'fixedIn' | 'flaky'>> = {}): Promise<FindingTransition> {
  const [moved] = await db<FindingRow[]>`
    update findings set state = ${to}, state_by = ${by}, state_at = ${new Date().toISOString()}
      ${'fixedIn' in patch ? db`, fixed_in = ${patch.fixedIn === undefined ? null : jsonb(db, patch.fixedIn)}` : db``}
      ${patch.flaky === undefined ? db`` : db`, flaky = ${patch.flaky}`}
    where id = ${id} and state = any(${[...from]})
    returning *`;
  if (moved) return { ok: true, finding: toFinding(moved) };
  const current = await getFinding(db, id);
  return current ? { ok: false, reason: 'wrong-state', finding: current } : { ok: false, reason: 'not-found' };
}

export async function countCleanRun(db: Db, id: string, seen: Sighting, fixedAfter: number): Promise<Finding | undefined> {
  return transaction(db, async (tx) => {
    const [row] = await tx<FindingRow[]>`select * from findings where id = ${id} for update`;
    if (!row) return undefined;
    const finding = toFinding(row);
    const next = cleanRun(finding, seen, fixedAfter);
    if (next === finding) return finding;
    await writeFinding(tx, next);
    return snapshot(next);
  });
}

export async function setFindingFlaky(db: Db, id: string, flaky: boolean): Promise<Finding | undefined> {
  const [row] = await db<FindingRow[]>`update findings set flaky = ${flaky} where id = ${id} returning *`;
  return row && toFinding(row);
}

/** Inserts a finding as it is, id and history included (copying a store). */
export async function insertFinding(db: Db, finding: Finding): Promise<void> {
  await db`insert into findings ${db({ id: finding.id, ...findingValues(db, finding) }, 'id', ...COLUMNS)}`;
}

async function writeFinding(db: Db, finding: Finding): Promise<void> {
  await db`update findings set ${db(findingValues(db, finding), ...COLUMNS)} where id = ${finding.id}`;
}

function findingValues(db: Db, finding: Finding): Record<(typeof COLUMNS)[number], postgres.SerializableParameter> {
  return {
    mode: finding.mode,
    case_id: finding.caseId,
    signature: finding.signature,
    kind: finding.kind,
    state: finding.state,
    flaky: finding.flaky,
    title: finding.title,
    evidence: finding.evidence,
    repro: finding.repro ?? null,
    detail: jsonb(db, finding.detail),
    first_seen: jsonb(db, finding.firstSeen),
    last_seen: jsonb(db, finding.lastSeen),
    fixed_in: finding.fixedIn ? jsonb(db, finding.fixedIn) : null,
    count: finding.count,
    state_by: finding.stateBy ?? null,
    state_at: finding.stateAt ?? null,
    clean_runs: finding.cleanRuns ?? null,
  };
}

function toFinding(row: FindingRow): Finding {
  return deepFreeze({
    id: row.id,
    mode: row.mode,
    caseId: row.case_id,
    signature: row.signature,
    kind: row.kind,
    state: row.state,
    flaky: row.flaky,
    title: row.title,
    evidence: row.evidence,
    detail: row.detail,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    count: row.count,
    ...present({ repro: row.repro, fixedIn: row.fixed_in, stateBy: row.state_by, stateAt: row.state_at && iso(row.state_at), cleanRuns: row.clean_runs }),
  });
}

/** A copy: a new finding shares objects with the caller's report, which must not be frozen under it. */
function freezeSighting(sighting: FindingSighting): FindingSighting {
  return { outcome: sighting.outcome, finding: snapshot(sighting.finding) };
}
