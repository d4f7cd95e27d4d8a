// lowdb only: how the history of a case lives in monthly files. What history
// returns, for both stores, is in contract/history.test.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { recordDaily, recordRun } from './helpers/record-runs.js';
import { makeRun, tempDir } from './helpers/store-fixtures.js';

describe('history files (lowdb)', () => {
  it('history with a limit met by recent months does not read older months', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await recordDaily(store, '2024-01-30T00:00:00.000Z', 5); // Jan 30, 31, Feb 1, 2, 3
    // If the January file were read, this would fail.
    await writeFile(join(dir, 'history', '2024-01', `${fileKey('parse/json')}.json`), '{ broken');

    expect(await store.history('parse/json', { limit: 3 })).toHaveLength(3);
    await expect(store.history('parse/json', { limit: 4 })).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt });
    await store.close();
  });

  it('a history file reformatted by hand is still appended to', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await recordRun(store, makeRun({ id: 'r1' }), { 'parse/json': 1 });
    const file = join(dir, 'history', '2024-03', `${fileKey('parse/json')}.json`);
    await writeFile(file, JSON.stringify(JSON.parse(await readFile(file, 'utf8')), null, 4));

    await recordRun(store, makeRun({ id: 'r2', startedAt: '2024-03-08T10:00:00.000Z' }), { 'parse/json': 2 });

    expect((await store.history('parse/json')).map((entry) => entry.runId)).toEqual(['r1', 'r2']);
    const text = await readFile(file, 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
    await store.close();
  });
});
