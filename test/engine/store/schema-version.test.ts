import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import type { Migration } from '../../../src/engine/store/migrations.js';
import { migrateState, SCHEMA_VERSION } from '../../../src/engine/store/migrations.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { storeLayout } from '../../../src/engine/store/store-layout.js';
import { tempDir } from './helpers/store-fixtures.js';

describe('schema version', () => {
  it('a new store is written at the current schema version', async () => {
    const dir = await tempDir();

    const store = await openStore(dir);
    await store.close();

    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { schemaVersion: number };
    expect(state.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('a store written by a newer perflab fails with StoreVersion naming both versions, and is left untouched', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.close();
    const file = join(dir, 'state.json');
    const newer = { ...(JSON.parse(await readFile(file, 'utf8')) as object), schemaVersion: SCHEMA_VERSION + 1, somethingNew: [] };
    await writeFile(file, JSON.stringify(newer));

    const opening = openStore(dir);

    await expect(opening).rejects.toMatchObject({ code: ErrorCode.StoreVersion, file });
    await expect(opening).rejects.toThrow(
      `was written by a newer perflab (schema version ${SCHEMA_VERSION + 1}; this perflab knows versions up to ${SCHEMA_VERSION}). Upgrade perflab`,
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(newer);
  });

  it('a failed open releases the lock', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1 }));

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreVersion });

    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, baselines: [], alerts: [], schedules: [], findings: [], jobs: [], cursors: [] }));
    const store = await openStore(dir);
    await store.close();
  });

  it('a version 1 store opens with empty findings, jobs and cursors, and keeps a copy of the old file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 1, baselines: [], previousBaselines: [], alerts: [], schedules: [] }));
    const store = await openStore(dir);
    expect([(await store.listFindings()), (await store.listJobs()), (await store.listSchedules())]).toEqual([[], [], []]);
    await store.close();
    const written = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ schemaVersion: SCHEMA_VERSION, findings: [], jobs: [], cursors: [] });
    expect(JSON.parse(await readFile(join(dir, 'state.json.v1.bak'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
  });

  it('migrations run one after another from the stored version to the newest', async () => {
    const layout = storeLayout(await tempDir());
    const calls: number[] = [];
    const table: Migration[] = [
      (state) => { calls.push(1); return Promise.resolve({ ...state, renamed: state.old }); },
      (state) => { calls.push(2); return Promise.resolve({ ...state, added: true }); },
    ];

    const { state, from } = await migrateState({ schemaVersion: 1, old: 'x' }, layout, table);

    expect(calls).toEqual([1, 2]);
    expect(from).toBe(1);
    expect(state).toEqual({ schemaVersion: 3, old: 'x', renamed: 'x', added: true });
  });

  it('migrations start at the stored version, skipping those already applied', async () => {
    const layout = storeLayout(await tempDir());
    const calls: number[] = [];
    const table: Migration[] = [
      (state) => { calls.push(1); return Promise.resolve(state); },
      (state) => { calls.push(2); return Promise.resolve(state); },
    ];

    const { state } = await migrateState({ schemaVersion: 2 }, layout, table);

    expect(calls).toEqual([2]);
    expect(state.schemaVersion).toBe(3);
  });

  it('a state file without a usable schemaVersion is reported as corrupt', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 'one' }));

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, message: expect.stringContaining('field schemaVersion') as string });
  });
});
