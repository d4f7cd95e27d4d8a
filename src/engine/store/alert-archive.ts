// Alerts that are no longer open or investigating: alerts/YYYY-MM.jsonl by
// createdAt, a line each time such an alert changes (its state, a late
// delivery or culprit); an alert's last line wins. state.json keeps only the
// live alerts, so opening the store reads the few that need attention, not
// every alert ever raised.
//
// An alert in state.json is its current version, whatever the archive holds:
// closing an alert appends it here first and then drops it from state.json,
// so a kill in between leaves it live, as if it had not been closed.
import { z } from 'zod';
import type { Alert } from '../model.js';
import type { LineAppender } from './line-file.js';
import { monthHint } from './month-hint.js';
import { monthOf } from './month-of.js';
import { MonthlyLog } from './monthly-log.js';
import type { RecordCheck } from './record-check.js';
import { areStrings, isFields, isStringOrNull } from './record-check.js';
import type { StoreLayout } from './store-layout.js';

export const alertSchema = z.looseObject({
  id: z.string(),
  runId: z.string(),
  commit: z.string().nullable(),
  kind: z.enum(['regression', 'improvement', 'environment-suspect', 'suite-error', 'finding', 'build-failed', 'drift', 'machine-changed']),
  caseIds: z.array(z.string()),
  state: z.enum(['open', 'investigating', 'accepted', 'dismissed', 'fixed']),
  createdAt: z.string(),
  stateBy: z.string().optional(),
  stateAt: z.string().optional(),
});

const KINDS = new Set(['regression', 'improvement', 'environment-suspect', 'suite-error', 'finding', 'build-failed', 'drift', 'machine-changed']);
const STATES = new Set(['open', 'investigating', 'accepted', 'dismissed', 'fixed']);
const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** `alertSchema`, checked by hand (see record-check.ts). */
export const alertCheck: RecordCheck<Alert> = {
  schema: alertSchema as unknown as z.ZodType<Alert>,
  quick: (raw) =>
    isFields(raw) &&
    areStrings(raw, ['id', 'runId', 'createdAt']) &&
    isStringOrNull(raw.commit) &&
    KINDS.has(raw.kind as string) &&
    STATES.has(raw.state as string) &&
    Array.isArray(raw.caseIds) &&
    raw.caseIds.every((id) => typeof id === 'string') &&
    optionalString(raw.stateBy) &&
    optionalString(raw.stateAt),
};

/** Open and investigating alerts live in state.json; the others here. */
export function isLive(alert: Pick<Alert, 'state'>): boolean {
  return alert.state === 'open' || alert.state === 'investigating';
}

export class AlertArchive {
  readonly #log: MonthlyLog<Alert>;

  private constructor(log: MonthlyLog<Alert>) {
    this.#log = log;
  }

  static async open(layout: StoreLayout, appender: LineAppender): Promise<AlertArchive> {
    const log = await MonthlyLog.open<Alert>(
      { dir: layout.alertsDir, file: layout.alertsFile, record: alertCheck, timeOf: (alert) => alert.createdAt, keyOf: (alert) => alert.id },
      appender,
    );
    return new AlertArchive(log);
  }

  /**
   * Looks in the months its id names first (an alert id starts with its run's
   * id, which starts with a time stamp), then newest month first.
   */
  async get(id: string): Promise<Alert | undefined> {
    for (const month of new Set([...monthHint(id), ...this.#log.months().reverse()])) {
      const alert = await this.#log.find(month, id);
      if (alert) return alert;
    }
    return undefined;
  }

  /**
   * True when the month `createdAt` falls in holds an alert with this id.
   * Alert ids carry their run's start time, so that is the only month where
   * one could be reused; looking there keeps adding an alert from reading
   * the whole archive.
   */
  async has(id: string, createdAt: string): Promise<boolean> {
    return (await this.#log.find(monthOf(createdAt), id)) !== undefined;
  }

  /** Every archived alert, oldest month first. */
  async list(): Promise<Alert[]> {
    const all: Alert[] = [];
    for (const month of this.#log.months()) all.push(...(await this.#log.read(month)));
    return all;
  }

  /** Records the alert's current version (frozen). */
  put(alert: Alert): Promise<void> {
    return this.#log.append(monthOf(alert.createdAt), alert);
  }
}
