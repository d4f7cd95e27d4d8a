// Opens the PostgreSQL store: checks the URL, connects, brings the schema up to
// date (migrate-schema.ts), and hands back a `Store`. Anything wrong with the
// configuration stops here, in one line that names where the URL came from
// and what went wrong, never the password.
import { resolve } from 'node:path';
import postgres from 'postgres';
import { ErrorCode, PerflabError } from '../../errors.js';
import { checkDatabaseUrl, redactDatabaseUrl } from './database-url.js';
import { migrateSchema } from './migrate-schema.js';
import { PgStore } from './pg-store.js';

export interface PgConnectOptions {
  /** What the URL is called in messages. Default: `database URL`; perflab passes `PERFLAB_DATABASE_URL`. */
  source?: string;
  /** Connections in the pool. Default: 10. */
  maxConnections?: number;
  /** How long to wait for the server to answer, s. Default: 10. */
  connectTimeout?: number;
}

export interface PgStoreOptions extends PgConnectOptions {
  /** This machine's own files (git mirrors, the button key); the records are in the database. */
  dir: string;
}

function resolveConnectOptions(options: PgConnectOptions): Required<PgConnectOptions> {
  return {
    source: options.source ?? 'database URL',
    maxConnections: options.maxConnections ?? 10,
    connectTimeout: options.connectTimeout ?? 10,
  };
}

/**
 * Throws PerflabError Config (bad URL, server unreachable, login refused, no
 * such database, no right to create the tables) or StoreVersion (the schema
 * was migrated by a newer perflab).
 */
export async function openPgStore(url: string, options: PgStoreOptions): Promise<PgStore> {
  const { sql, where } = await connectPg(url, options);
  return new PgStore(sql, resolve(options.dir), where);
}

export interface PgConnection {
  /** The pool; the caller ends it. */
  sql: postgres.Sql;
  /** The URL without its password, for messages. */
  where: string;
}

/** `openPgStore` without the store: a pool on a database whose schema is up to date. Throws as `openPgStore`. */
export async function connectPg(url: string, options: PgConnectOptions = {}): Promise<PgConnection> {
  const resolved = resolveConnectOptions(options);
  checkDatabaseUrl(url, resolved.source);
  const where = redactDatabaseUrl(url);
  const sql = postgres(url, {
    max: resolved.maxConnections,
    connect_timeout: resolved.connectTimeout,
    // `create table if not exists` and friends say NOTICE; perflab has nothing to tell the user about it.
    onnotice: () => {},
    connection: { application_name: 'perflab' },
  });
  try {
    try {
      await sql`select 1`;
    } catch (error) {
      throw configError(resolved.source, where, error, url);
    }
    try {
      await migrateSchema(sql);
    } catch (error) {
      // SQLSTATE 42501: the user may log in but not create perflab's tables.
      if ((error as { code?: unknown }).code === '42501') throw configError(resolved.source, where, error, url);
      throw error;
    }
  } catch (error) {
    await sql.end({ timeout: 0 });
    throw error;
  }
  return { sql, where };
}

function configError(source: string, where: string, error: unknown, url: string): PerflabError {
  return new PerflabError(ErrorCode.Config, `${source} (${where}): ${reason(error, url)}`, { cause: error });
}

/** The first line of what went wrong, in words, with the URL's password blanked out wherever it might appear. */
function reason(error: unknown, url: string): string {
  const { code, message, address, port, hostname } = error as { code?: string; message?: string; address?: string; port?: number; hostname?: string };
  const server = address === undefined ? 'the server' : `${address}${port === undefined ? '' : `:${port}`}`;
  const words =
    code === 'ECONNREFUSED' ? `connection refused by ${server} (is PostgreSQL running, on that port?)`
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `unknown host ${hostname ?? address ?? ''}`.trim()
    : code === 'CONNECT_TIMEOUT' ? `no answer from ${server} within the connect timeout`
    : code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? `cannot reach ${server} (${code})`
    : message ?? String(error);
  return blankPassword(words.split('\n')[0] ?? '', url);
}

function blankPassword(text: string, url: string): string {
  const password = passwordOf(url);
  return password && password.length > 0 ? text.split(password).join('***') : text;
}

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}
