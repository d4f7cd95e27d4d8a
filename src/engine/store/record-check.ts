// Validating the records of a log as it is read. zod names the field that is
// wrong, but a cold zod parse costs ~13 µs a record (a few hundred thousand
// calls before V8 has optimised it), so the first read of a month of runs
// (3 100 lines) or of a case's year (18 000 lines) would take 40–250 ms. A
// hand-written guard per record kind checks the same fields in well under a
// microsecond; whatever it does not accept goes to zod, which then either
// names the problem or accepts it.
import type { z } from 'zod';
import { checkStoreData } from './store-file.js';

export interface RecordCheck<T> {
  /** The rule, and the error message when a record breaks it. */
  schema: z.ZodType<T>;
  /** Accepts only records `schema` accepts (it may refuse more: zod decides those). */
  quick: (raw: unknown) => boolean;
}

/** `raw` as a `T`, or StoreCorrupt naming the file, the record and the field. */
export function checkRecord<T>(raw: unknown, file: string, check: RecordCheck<T>, record: string): T {
  return check.quick(raw) ? (raw as T) : checkStoreData(raw, file, check.schema, record);
}

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function areStrings(record: Fields, keys: readonly string[]): boolean {
  return keys.every((key) => typeof record[key] === 'string');
}

export function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}
