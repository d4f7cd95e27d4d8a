// What every table module of the PostgreSQL store shares: the handle it runs
// queries on (the pool, or a transaction of it) and the conversions between
// rows and the model's JSON-shaped records.
import type postgres from 'postgres';

/** The pool or a transaction: table modules run on either. */
export type Db = postgres.ISql;

/**
 * Runs `fn` in a transaction of the pool, or in a savepoint when `db` is
 * already a transaction (as when migrate-store copies a whole store in one).
 * Either way `fn`'s writes happen all or not at all.
 */
export async function transaction<T>(db: Db, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const result = 'savepoint' in db ? (db as postgres.TransactionSql).savepoint(fn) : (db as postgres.Sql).begin(fn);
  return (await result) as T;
}

/** A jsonb parameter. Model records are plain JSON; postgres.js wants proof of it. */
export function jsonb(db: Db, value: unknown): postgres.Parameter {
  return db.json(value as postgres.JSONValue);
}

/** timestamptz comes back as a Date; the model holds UTC ISO strings (what `toISOString` writes). */
export function iso(value: Date): string {
  return value.toISOString();
}

/** `T` with its nullable fields made optional and non-null. */
export type Present<T> = { [K in keyof T as null extends T[K] ? never : K]: T[K] } & { [K in keyof T as null extends T[K] ? K : never]?: Exclude<T[K], null> };

/**
 * The fields of `record` whose value is not null. A row has null where a
 * record has no such field; leaving them out keeps the record exactly what the
 * lowdb store (JSON, which drops `undefined`) hands back.
 */
export function present<T extends Record<string, unknown>>(record: T): Present<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null)) as Present<T>;
}

/** SQLSTATE 23505: a unique index refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** A limit option as SQL: no limit is `null` (LIMIT NULL means all); a negative one is 0. */
export function sqlLimit(limit: number | undefined): number | null {
  return limit === undefined ? null : Math.max(0, Math.floor(limit));
}
