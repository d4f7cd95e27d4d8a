// Audit events: audit/YYYY-MM.json by the event's time, all loaded at open
// (people act a few times a day; a year of events is small).
import { z } from 'zod';
import type { AuditEvent } from '../model.js';
import { monthOf } from './month-of.js';
import { MonthlyRecords } from './monthly-records.js';
import { snapshot } from './snapshot.js';
import type { StoreLayout } from './store-layout.js';

const auditEventSchema = z.looseObject({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
});

export class AuditLog {
  readonly #records: MonthlyRecords<AuditEvent>;

  private constructor(records: MonthlyRecords<AuditEvent>) {
    this.#records = records;
  }

  static async load(layout: StoreLayout): Promise<AuditLog> {
    const records = await MonthlyRecords.load<AuditEvent>({
      dir: layout.auditDir,
      file: layout.auditFile,
      key: 'events',
      record: auditEventSchema,
      timeOf: (event) => event.at,
    });
    return new AuditLog(records);
  }

  async append(event: AuditEvent): Promise<void> {
    const stored = snapshot(event);
    await this.#records.append(monthOf(stored.at), stored);
  }

  /** Newest first. */
  list(limit?: number): AuditEvent[] {
    return this.#records.newestFirst(limit);
  }
}
