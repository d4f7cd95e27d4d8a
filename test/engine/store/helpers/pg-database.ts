// Places for a PostgreSQL store in the test server: one database per test
// file (CREATE DATABASE costs ~0.1 s), and in it one schema per test (a few
// ms), reached through the URL's search_path, so every test starts empty.
// Nothing is dropped: the server and all its data go at the end of the run.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';

let fileDatabase: Promise<string> | undefined;
let schemas = 0;

/** The URL of this test file's own database, created on first use. */
export function testDatabaseUrl(): Promise<string> {
  fileDatabase ??= createDatabase();
  return fileDatabase;
}

/** A URL whose connections see only a new, empty schema of this file's database. */
export async function freshSchemaUrl(): Promise<string> {
  const url = await testDatabaseUrl();
  const schema = `t${++schemas}_${randomBytes(3).toString('hex')}`;
  await withAdmin(url, (sql) => sql`create schema ${sql(schema)}`);
  return withParams(url, { search_path: schema });
}

/** `url` with query parameters set (postgres.js sends unknown ones as connection settings). */
export function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

/** The test server's superuser URL with another database, user or password. */
export function serverUrl(change: { database?: string; user?: string; password?: string; port?: number } = {}): string {
  const parsed = new URL(inject('perflabPgUrl'));
  if (change.database !== undefined) parsed.pathname = `/${change.database}`;
  if (change.user !== undefined) parsed.username = change.user;
  if (change.password !== undefined) parsed.password = change.password;
  if (change.port !== undefined) parsed.port = String(change.port);
  return parsed.toString();
}

export async function withAdmin<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function createDatabase(): Promise<string> {
  const name = `perflab_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withAdmin(serverUrl(), (sql) => sql`create database ${sql(name)}`);
  return serverUrl({ database: name });
}
