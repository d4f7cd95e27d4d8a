// Schema 2 → 3, on a store written by the perflab that wrote schema 2
// (fixtures/make-v2-store.ts says how it was made): after the migration the
// store reads exactly what that perflab read, through every Store method.
import { access, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDiskStore, openStore } from '../../../src/engine/store/open-store.js';
import { SCHEMA_VERSION } from '../../../src/engine/store/migrations.js';
import { V2_READ_OPTIONS } from './fixtures/v2-store-read-options.js';
import { readEverything } from './helpers/read-everything.js';
import { makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/v2-store', import.meta.url));

async function expected(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(`${FIXTURE}.expected.json`, 'utf8')) as Record<string, unknown>;
}

/** A copy of the schema 2 fixture store in a temp dir. */
async function v2Store(): Promise<string> {
  const dir = join(await tempDir(), 'store');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

async function readStore(dir: string): Promise<Record<string, unknown>> {
  const store = await openStore(dir);
  try {
    return await readEverything(store, V2_READ_OPTIONS);
  } finally {
    await store.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

describe('migrating a schema 2 store', () => {
  it('reads exactly what the perflab that wrote it read', async () => {
    const dir = await v2Store();

    expect(await readStore(dir)).toEqual(await expected());
  });

  it('reads the same again after reopening, without migrating twice', async () => {
    const dir = await v2Store();
    await readStore(dir);
    const state = await readFile(join(dir, 'state.json'), 'utf8');

    expect(await readStore(dir)).toEqual(await expected());
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(state);
  });

  it('turns runs and audit months into lines, keeps only live alerts and current baselines in state.json, and keeps a copy of the old state', async () => {
    const dir = await v2Store();

    await readStore(dir);

    expect(await readdir(join(dir, 'runs'))).toEqual(['2024-01.jsonl', '2024-02.jsonl', '2024-03.jsonl']);
    expect((await readdir(join(dir, 'audit'))).every((name) => name.endsWith('.jsonl'))).toBe(true);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { schemaVersion: number; alerts: { state: string }[]; previousBaselines?: unknown };
    expect(state.schemaVersion).toBe(SCHEMA_VERSION);
    expect(state.alerts.map((alert) => alert.state).sort()).toEqual(['investigating', 'open']);
    expect(state).not.toHaveProperty('previousBaselines');
    expect(JSON.parse(await readFile(join(dir, 'state.json.v2.bak'), 'utf8'))).toMatchObject({ schemaVersion: 2 });
  });

  it('leaves results and history files where they are (they are read as schema 2 wrote them)', async () => {
    const dir = await v2Store();

    await readStore(dir);

    expect(await readdir(join(dir, 'history', '2024-02'))).toEqual(await readdir(join(FIXTURE, 'history', '2024-02')));
    expect(await readdir(join(dir, 'results', '2024-01'))).toEqual(await readdir(join(FIXTURE, 'results', '2024-01')));
  });

  it('a migration cut short (files migrated, state.json still at version 2) runs again and reads the same', async () => {
    const dir = await v2Store();
    await readStore(dir);
    await writeFile(join(dir, 'state.json'), await readFile(join(FIXTURE, 'state.json'), 'utf8'));
    // And one month whose lines were written but whose old file was not removed yet.
    await cp(join(FIXTURE, 'runs', '2024-02.json'), join(dir, 'runs', '2024-02.json'));

    expect(await readStore(dir)).toEqual(await expected());
    expect(await exists(join(dir, 'runs', '2024-02.json'))).toBe(false);
  });

  it('records new results beside schema 2 history in the same month', async () => {
    const dir = await v2Store();
    const store = await openStore(dir);
    const run = makeRun({ id: 'r-new', startedAt: '2024-03-20T00:00:00.000Z' });
    await store.beginRun(run);
    await store.recordResults(run.id, [makeResult(run, 'parse/json', 999)]);

    const march = (await store.history('parse/json', { since: '2024-03-01T00:00:00.000Z' })).map((entry) => entry.runId);
    await store.close();

    expect(march).toEqual(['r-plain-id', 'r-new']);
  });

  it('compaction rewrites schema 2 history as lines and schema 2 results compressed, and the store reads the same', async () => {
    const dir = await v2Store();
    await readStore(dir);
    const store = await openDiskStore(dir);

    const report = await store.compact({ keepSamplesMs: 0, now: new Date('2030-01-01T00:00:00.000Z') });
    await store.close();

    expect(report).toMatchObject({ runs: 4, results: 8, historyFiles: 7 });
    const everything = await readStore(dir);
    const before = await expected();
    expect({ ...everything, results: undefined }).toEqual({ ...before, results: undefined });
    for (const [runId, results] of Object.entries(everything.results as Record<string, { result: { samples?: string; summary?: unknown } }[]>)) {
      const old = (before.results as Record<string, { result: { summary?: unknown } }[]>)[runId] ?? [];
      expect(results.map((r) => r.result.summary)).toEqual(old.map((r) => r.result.summary));
      expect(results.every((r) => r.result.samples === undefined || r.result.samples === '')).toBe(true);
    }
    expect((await readdir(join(dir, 'history', '2024-02'))).every((name) => name.endsWith('.jsonl'))).toBe(true);
    expect((await readdir(join(dir, 'results', '2024-01'))).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/\.json\.gz$/)]));
    expect((await readdir(join(dir, 'results', '2024-01'))).some((name) => name.endsWith('.json') && name !== 'samples-dropped.json')).toBe(false);
  });
});
