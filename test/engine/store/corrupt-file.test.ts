import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import { makeAlert, makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

describe('a damaged store file', () => {
  it('a state file that does not parse fails with StoreCorrupt naming it, and is not reset', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    await writeFile(file, '{ "schemaVersion": 1, ');

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file, message: expect.stringContaining(file) as string });
    expect(await readFile(file, 'utf8')).toBe('{ "schemaVersion": 1, ');
  });

  it('a state file with a wrong field names the field', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.addAlert(makeAlert());
    await store.close();
    const file = join(dir, 'state.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"open"', '"opened"'));

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, message: expect.stringContaining('field alerts.0.state') as string });
  });

  it('a runs partition that does not parse fails with StoreCorrupt naming it', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.beginRun(makeRun());
    await store.close();
    const file = join(dir, 'runs', '2024-03.json');
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, -5));

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
  });

  it('a results file that does not parse fails with StoreCorrupt when read', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const run = makeRun();
    await store.beginRun(run);
    await store.recordResults(run.id, [makeResult(run, 'parse/json', 1)]);
    const file = join(dir, 'results', '2024-03', `${fileKey(run.id)}.json`);
    await writeFile(file, 'not json');

    await expect(store.runResults(run.id)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
    await store.close();
  });

  it('a history file that does not parse fails with StoreCorrupt, and recording more does not overwrite it', async () => {
    const dir = await tempDir();
    await (await openStore(dir)).close();
    const file = join(dir, 'history', '2024-03', `${fileKey('parse/json')}.json`);
    await mkdir(join(dir, 'history', '2024-03'), { recursive: true });
    await writeFile(file, '{"caseId":"parse/json", "entries": [');
    const store = await openStore(dir);
    const run = makeRun();
    await store.beginRun(run);

    await expect(store.history('parse/json')).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
    await expect(store.recordResults(run.id, [makeResult(run, 'parse/json', 1)])).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
    expect(await readFile(file, 'utf8')).toBe('{"caseId":"parse/json", "entries": [');
    await store.close();
  });

  it('a missing state file in a store that has runs fails with StoreCorrupt instead of starting empty', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.beginRun(makeRun());
    await store.close();
    await rm(join(dir, 'state.json'));

    await expect(openStore(dir)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, message: expect.stringContaining('state.json: missing, although the store holds runs') as string });
    await expect(access(join(dir, 'state.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('temp files left by a killed write are removed when the store opens', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.beginRun(makeRun());
    await store.close();
    await writeFile(join(dir, 'runs', '.2024-03.json.tmp'), '{"runs":[');
    await writeFile(join(dir, '.state.json.tmp'), '');

    const reopened = await openStore(dir);
    await reopened.close();

    expect(await readdir(join(dir, 'runs'))).toEqual(['2024-03.json']);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
