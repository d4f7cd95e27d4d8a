// Audit events: audit/YYYY-MM.jsonl by the event's time, read newest month
// first when listed. Each append is fsynced before the change it records is
// written (see DiskStore.acceptBaseline), so no crash, not even a power loss,
// keeps a change whose audit event is gone.
import { z } from 'zod';
import type { AuditEvent } from '../model.js';
import type { LineAppender } from './line-file.js';
import { monthOf } from './month-of.js';
import { MonthlyLog } from './monthly-log.js';
import type { RecordCheck } from './record-check.js';
import { areStrings, isFields } from './record-check.js';
import { snapshot } from './snapshot.js';
import type { StoreLayout } from './store-layout.js';

export const auditEventSchema = z.looseObject({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
}) as unknown as z.ZodType<AuditEvent>;

/** `auditEventSchema`, checked by hand (see record-check.ts). */
export const auditEventCheck: RecordCheck<AuditEvent> = {
  schema: auditEventSchema,
  quick: (raw) => isFields(raw) && areStrings(raw, ['at', 'actor', 'action']) && isFields(raw.args),
};

export class AuditLog {
  readonly #log: MonthlyLog<AuditEvent>;

  private constructor(log: MonthlyLog<AuditEvent>) {
    this.#log = log;
  }

  static async open(layout: StoreLayout, appender: LineAppender): Promise<AuditLog> {
    const log = await MonthlyLog.open<AuditEvent>(
      { dir: layout.auditDir, file: layout.auditFile, record: auditEventCheck, timeOf: (event) => event.at, durable: true },
      appender,
    );
    return new AuditLog(log);
  }

  async append(event: AuditEvent): Promise<void> {
    const stored = snapshot(event);
    await this.#log.append(monthOf(stored.at), stored);
  }

  /** Newest first. */
  list(limit?: number): Promise<AuditEvent[]> {
    return this.#log.newestFirst(limit);
  }
}
