// One JSON file of the store, read and written through lowdb. Writes go through
// steno (temp file + rename), so a kill at any moment leaves the old file or
// the new one, never a torn one.
//
// `DataFile` rather than `JSONFile` (its subclass) for two reasons: a file that
// does not parse must fail with PerflabError(StoreCorrupt) naming the file,
// never be reset; and partitions are written one record per line, which is
// about half the size of `JSONFile`'s indented output and lets history files
// be appended to without re-serialising them (see case-history.ts).
import { DataFile } from 'lowdb/node';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { ErrorCode, PerflabError } from '../errors.js';

export type FileFormat =
  /** Indented JSON, for state.json, which people read and sometimes edit. */
  | 'pretty'
  /** One array element per line (see `stringifyRecords`), for partitions. */
  | 'records';

/** The lowdb handle of one store file; nothing is read yet (`data` is `initial`). */
export function storeFile<T>(file: string, schema: z.ZodType<T>, initial: T, format: FileFormat): Low<T> {
  return new Low<T>(
    new DataFile<T>(file, {
      parse: (text) => parseStoreJson(text, file, schema),
      stringify: format === 'pretty' ? (data) => `${JSON.stringify(data, null, 2)}\n` : stringifyRecords,
    }),
    initial,
  );
}

/** `storeFile`, read; a missing file leaves `initial`. */
export async function openStoreFile<T>(file: string, schema: z.ZodType<T>, initial: T, format: FileFormat): Promise<Low<T>> {
  const low = storeFile(file, schema, initial, format);
  await low.read();
  return low;
}

/**
 * Writes `next` and only then makes it the file's data, so synchronous readers
 * never see a state that is not on disk (and a failed write changes nothing).
 */
export async function commit<T>(low: Low<T>, next: T): Promise<void> {
  await low.adapter.write(next);
  low.data = next;
}

/** Parses and validates the text of a store file; any failure names the file. */
export function parseStoreJson<T>(text: string, file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PerflabError(
      ErrorCode.StoreCorrupt,
      `not valid JSON (${(error as Error).message}); perflab never writes such a file, so it was edited or damaged: fix or restore it (perflab will not overwrite it)`,
      { file, cause: error },
    );
  }
  return checkStoreData(raw, file, schema);
}

/** Validates parsed content of a store file (or of one record in it, named by `record`) against what the store relies on. */
export function checkStoreData<T>(raw: unknown, file: string, schema: z.ZodType<T>, record?: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `field ${issue.path.join('.')}: ` : '';
  throw new PerflabError(ErrorCode.StoreCorrupt, `unexpected content${record ? ` in ${record}` : ''}: ${where}${issue?.message ?? 'invalid'}`, {
    file,
    cause: parsed.error,
  });
}

/** Throws StoreCorrupt about `file`; for content that parses but contradicts itself. */
export function corruptStoreFile(file: string, message: string): PerflabError {
  return new PerflabError(ErrorCode.StoreCorrupt, message, { file });
}

/**
 * Compact JSON for a partition: one field per line, and each array field with
 * one element per line. Always valid JSON; an empty array is written `[\n]`.
 *
 *   {"caseId":"parse/json",
 *   "entries":[
 *   {"runId":"r1",...},
 *   {"runId":"r2",...}
 *   ]}
 */
export function stringifyRecords(data: unknown): string {
  const fields = Object.entries(data as Record<string, unknown>).map(([key, value]) =>
    Array.isArray(value)
      ? `${JSON.stringify(key)}:${stringifyArray(value)}`
      : `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  );
  return `{${fields.join(',\n')}}\n`;
}

function stringifyArray(items: unknown[]): string {
  return items.length === 0 ? '[\n]' : `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
}
