// `perflab store migrate` (needs the PostgreSQL test server: see vitest.config.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storeMigrateCommand } from '../../src/cli/commands/store-migrate.js';
import { ErrorCode } from '../../src/engine/errors.js';
import { openStore } from '../../src/engine/store/open-store.js';
import { openPgStore } from '../../src/engine/store/postgres/open-pg-store.js';
import { freshSchemaUrl } from '../engine/store/helpers/pg-database.js';
import { recordRun } from '../engine/store/helpers/record-runs.js';
import { makeAlert, makeBaseline, makeRun, tempDir } from '../engine/store/helpers/store-fixtures.js';

async function smallStore(): Promise<string> {
  const dir = await tempDir();
  const store = await openStore(dir);
  await recordRun(store, makeRun({ id: 'r1' }), { 'parse/json': 100, 'parse/csv': 200 });
  await store.acceptBaseline(makeBaseline());
  await store.addAlert(makeAlert());
  await store.close();
  return dir;
}

/** Runs the command in this process; what it wrote to stdout. */
async function storeMigrate(args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await storeMigrateCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('perflab store migrate', () => {
  it('copies the store named by --store into the database of PERFLAB_DATABASE_URL and shows the counts of both', async () => {
    const dir = await smallStore();
    const url = await freshSchemaUrl();
    vi.stubEnv('PERFLAB_DATABASE_URL', url);

    const out = await storeMigrate(['--from', dir]);

    expect(out).toContain('every count matches');
    expect(out).toMatch(/runs\s+│?\s*1\s+│?\s*1/);
    expect(out).toMatch(/results\s+│?\s*2\s+│?\s*2/);
    expect(out).toMatch(/audit events\s+│?\s*1\s+│?\s*1/);
    expect(out).not.toContain(new URL(url).password);
    const pg = await openPgStore(url, { dir: await tempDir() });
    expect((await pg.runResults('r1')).map((r) => r.result.caseId)).toEqual(['parse/json', 'parse/csv']);
    await pg.close();
  });

  it('--to names the database instead, and names itself in errors', async () => {
    const dir = await smallStore();

    await expect(storeMigrate(['--from', dir, '--to', 'mysql://x'])).rejects.toMatchObject({ code: ErrorCode.Config, message: expect.stringMatching(/^--to: not a PostgreSQL URL/) as string });
  });

  it('without a database to copy to, says how to name one', async () => {
    vi.stubEnv('PERFLAB_DATABASE_URL', '');

    await expect(storeMigrate(['--from', await tempDir()])).rejects.toMatchObject({ code: ErrorCode.Config, message: expect.stringMatching(/set PERFLAB_DATABASE_URL or pass --to/) as string });
  });
});
