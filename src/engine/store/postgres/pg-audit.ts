// Audit events: who did what, newest first.
import type { AuditEvent } from '../../model.js';
import { deepFreeze } from '../snapshot.js';
import type { Db } from './pg-db.js';
import { iso, jsonb, sqlLimit } from './pg-db.js';

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  args: Record<string, unknown>;
}

export async function appendAudit(db: Db, event: AuditEvent): Promise<void> {
  await db`insert into audit_events (at, actor, action, args) values (${event.at}, ${event.actor}, ${event.action}, ${jsonb(db, event.args)})`;
}

/** Newest first; events of the same instant in the order they were written (as the lowdb store). */
export async function listAudit(db: Db, limit?: number): Promise<AuditEvent[]> {
  const rows = await db<AuditRow[]>`select at, actor, action, args from audit_events order by at desc, seq limit ${sqlLimit(limit)}`;
  return rows.map((row) => deepFreeze({ at: iso(row.at), actor: row.actor, action: row.action, args: row.args }));
}
