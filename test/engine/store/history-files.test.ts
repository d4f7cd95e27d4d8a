// lowdb only: how the history of a case lives in monthly files. What history
// returns, for both stores, is in contract/history.test.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { recordDaily } from './helpers/record-runs.js';
import { tempDir } from './helpers/store-fixtures.js';

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
});
