// The schema is migrated at open: once, in order, in one transaction, under an
// advisory lock, and recorded in perflab_migrations.
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../src/engine/errors.js';
import { loadMigrations, migrateSchema } from '../../../../src/engine/store/postgres/migrate-schema.js';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import { freshSchemaUrl, withAdmin } from '../helpers/pg-database.js';
import { tempDir } from '../helpers/store-fixtures.js';

async function appliedVersions(url: string): Promise<number[]> {
  return withAdmin(url, async (sql) => (await sql<{ version: number }[]>`select version from perflab_migrations order by version`).map((row) => row.version));
}

async function tables(url: string): Promise<string[]> {
  return withAdmin(url, async (sql) => (await sql<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`).map((row) => row.name));
}

describe('schema migrations', () => {
  it('opening an empty database applies every migration and records it', async () => {
    const url = await freshSchemaUrl();
    const store = await openPgStore(url, { dir: await tempDir() });
    await store.close();

    expect(await appliedVersions(url)).toEqual((await loadMigrations()).map((m) => m.version));
    expect(await tables(url)).toEqual(['alerts', 'audit_events', 'baselines', 'findings', 'jobs', 'perflab_migrations', 'results', 'runs', 'schedules', 'watch_cursors']);
  });

  it('two processes opening a new database at once both start, and it is migrated once', async () => {
    const url = await freshSchemaUrl();
    const dir = await tempDir();

    // Separate pools: separate sessions, as two perflab processes would have.
    const stores = await Promise.all([openPgStore(url, { dir }), openPgStore(url, { dir }), openPgStore(url, { dir })]);
    await Promise.all(stores.map((store) => store.close()));

    expect(await appliedVersions(url)).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it('reopening applies nothing', async () => {
    const url = await freshSchemaUrl();
    const sql = postgres(url, { onnotice: () => {} });
    try {
      const newest = (await loadMigrations()).length;
      const first = await migrateSchema(sql);
      const second = await migrateSchema(sql);

      expect(first).toEqual({ from: 0, to: newest });
      expect(second).toEqual({ from: newest, to: newest });
    } finally {
      await sql.end();
    }
  });

  it('a migration that fails leaves nothing behind, not even the version table', async () => {
    const url = await freshSchemaUrl();
    const sql = postgres(url, { onnotice: () => {} });
    const [init] = await loadMigrations();
    try {
      const broken = [init!, { version: 2, name: '002_broken.sql', sql: 'create table fine (x int); create tabel oops (x int);' }];

      await expect(migrateSchema(sql, broken)).rejects.toThrow(/syntax error/);
    } finally {
      await sql.end();
    }
    expect(await tables(url)).toEqual([]);
  });

  it('a database migrated by a newer perflab is refused with StoreVersion', async () => {
    const url = await freshSchemaUrl();
    const dir = await tempDir();
    await (await openPgStore(url, { dir })).close();
    await withAdmin(url, (sql) => sql`insert into perflab_migrations (version, name) values (99, '099_from_the_future.sql')`);

    await expect(openPgStore(url, { dir })).rejects.toMatchObject({ code: ErrorCode.StoreVersion, message: expect.stringMatching(/version 99.*upgrade perflab/) as string });
  });
});
