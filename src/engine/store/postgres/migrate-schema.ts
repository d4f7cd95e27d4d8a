// Brings the database's tables up to this perflab's schema at start. Each
// migration is an SQL file in ./migrations (`NNN_what.sql`), applied once, in
// order, and recorded in `perflab_migrations`. All of them run in one
// transaction, after an advisory lock: two perflab processes starting at once
// do not both migrate; the second waits, then finds nothing left to do. A
// database already up to date costs one read.
import { readdir, readFile } from 'node:fs/promises';
import type postgres from 'postgres';
import { ErrorCode, PerflabError } from '../../errors.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_-]+\.sql$/;

/** Any number, as long as it is the same in every perflab: advisory locks are per database. */
const MIGRATION_LOCK = 0x7065_7266_6c61_62n; // "perflab"

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationOutcome {
  /** The schema version found (0 in an empty database). */
  from: number;
  to: number;
}

/** The migrations shipped with this perflab, oldest first. */
export async function loadMigrations(): Promise<Migration[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const migrations = await Promise.all(
    names.map(async (name, index) => {
      const version = Number(MIGRATION_FILE.exec(name)?.[1]);
      // A gap or a duplicate is a mistake in perflab itself, not in the database.
      if (version !== index + 1) throw new Error(`migration ${name} should be number ${index + 1}`);
      return { version, name, sql: await readFile(new URL(name, MIGRATIONS_DIR), 'utf8') };
    }),
  );
  return migrations;
}

/**
 * Throws PerflabError StoreVersion when the database was migrated by a newer
 * perflab (its schema is past what this one knows).
 */
export async function migrateSchema(sql: postgres.Sql, migrations?: readonly Migration[]): Promise<MigrationOutcome> {
  const known = migrations ?? (await loadMigrations());
  const newest = known.at(-1)?.version ?? 0;
  // Every start but the first after an upgrade: one read, no lock, no transaction.
  const seen = await schemaVersion(sql);
  if (seen !== undefined) {
    checkNotNewer(seen, newest);
    if (seen === newest) return { from: seen, to: seen };
  }
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await tx`
      create table if not exists perflab_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
    // Read again under the lock: another process may have migrated meanwhile.
    const current = (await schemaVersion(tx)) ?? 0;
    checkNotNewer(current, newest);
    for (const migration of known.filter((m) => m.version > current)) {
      // No parameters, so postgres.js sends it as a simple query: a file may hold many statements.
      await tx.unsafe(migration.sql);
      await tx`insert into perflab_migrations (version, name) values (${migration.version}, ${migration.name})`;
    }
    return { from: current, to: Math.max(current, newest) };
  });
}

/** The newest migration applied; undefined when there is no version table (a database perflab never used). */
async function schemaVersion(db: postgres.ISql): Promise<number | undefined> {
  try {
    const [row] = await db<{ current: number }[]>`select coalesce(max(version), 0)::integer as current from perflab_migrations`;
    return row?.current ?? 0;
  } catch (error) {
    // SQLSTATE 42P01: undefined table.
    if ((error as { code?: unknown }).code === '42P01') return undefined;
    throw error;
  }
}

function checkNotNewer(current: number, newest: number): void {
  if (current > newest) {
    throw new PerflabError(
      ErrorCode.StoreVersion,
      `the database's schema is version ${current}, written by a newer perflab; this one knows up to version ${newest}: upgrade perflab`,
    );
  }
}
