// A wrong PERFLAB_DATABASE_URL stops perflab at start with one line that names
// the variable and the reason, and never shows the password.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PerflabError } from '../../../../src/engine/errors.js';
import { openAnyStore } from '../../../../src/engine/store/open-any-store.js';
import { PgStore } from '../../../../src/engine/store/postgres/pg-store.js';
import { serverUrl, testDatabaseUrl } from '../helpers/pg-database.js';
import { tempDir } from '../helpers/store-fixtures.js';

const SECRET = 's3cr3t-Pa55';

/** What opening with this URL throws. */
async function failure(url: string): Promise<PerflabError> {
  const error: unknown = await openAnyStore(await tempDir(), { PERFLAB_DATABASE_URL: url }).then(
    async (store) => {
      await store.close();
      throw new Error('the store opened');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PerflabError);
  return error as PerflabError;
}

function expectOneLine(error: PerflabError, reason: RegExp): void {
  expect(error.code).toBe(ErrorCode.Config);
  expect(error.message).toMatch(/^PERFLAB_DATABASE_URL\b/);
  expect(error.message).toMatch(reason);
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toContain(SECRET);
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('PERFLAB_DATABASE_URL', () => {
  it('a port nothing listens on: connection refused', async () => {
    const error = await failure(serverUrl({ port: await closedPort(), password: SECRET }));

    expectOneLine(error, /connection refused by 127\.0\.0\.1:\d+/);
    expect(error.message).toContain('postgres://perflab@127.0.0.1:');
  });

  it('a wrong password: authentication failed, and the password is not shown', async () => {
    const error = await failure(serverUrl({ password: SECRET }));

    expectOneLine(error, /password authentication failed for user "perflab"/);
  });

  it('a database that does not exist: says which', async () => {
    const error = await failure(serverUrl({ database: 'no_such_db' }));

    expectOneLine(error, /database "no_such_db" does not exist/);
  });

  it('not a URL at all: says what is expected, without echoing it', async () => {
    const error = await failure(`host=db user=perflab password=${SECRET}`);

    expectOneLine(error, /not a PostgreSQL URL \(expected postgres:\/\/user:password@host:port\/database\)/);
  });

  it('a postgres URL that does not parse: says so, without echoing it', async () => {
    const error = await failure(`postgres://perflab:${SECRET}@127.0.0.1:99999/perflab`);

    expectOneLine(error, /not a valid URL/);
  });

  it('set and right, it opens the PostgreSQL store; unset or blank, the lowdb store', async () => {
    const dir = await tempDir();
    const pg = await openAnyStore(dir, { PERFLAB_DATABASE_URL: await testDatabaseUrl() });
    const lowdb = await openAnyStore(dir, { PERFLAB_DATABASE_URL: '  ' });

    expect(pg).toBeInstanceOf(PgStore);
    expect(pg.dir).toBe(dir);
    expect(lowdb).not.toBeInstanceOf(PgStore);
    await Promise.all([pg.close(), lowdb.close()]);
  });
});
