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

  it('a runs partition with a damaged line fails with StoreCorrupt naming file and line when read, not when the store opens', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.beginRun(makeRun({ id: 'r1' }));
    await store.beginRun(makeRun({ id: 'r2' }));
    await store.close();
    const file = join(dir, 'runs', '2024-03.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('{"id":"r1"', '{"id":r1"'));

    const reopened = await openStore(dir);

    await expect(reopened.listRuns()).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file, message: expect.stringContaining('line 1 is not valid JSON') as string });
    await reopened.close();
  });

  it('a results file that does not parse fails with StoreCorrupt when read', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const run = makeRun();
    await store.beginRun(run);
    await store.recordResults(run.id, [makeResult(run, 'parse/json', 1)]);
    const file = join(dir, 'results', '2024-03', `${fileKey(run.id)}.json.gz`);
    await writeFile(file, 'not gzip');

    await expect(store.runResults(run.id)).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
    await store.close();
  });

  it('a schema 2 history file that does not parse fails with StoreCorrupt when read, and recording more leaves it as it is', async () => {
    const dir = await tempDir();
    await (await openStore(dir)).close();
    const file = join(dir, 'history', '2024-03', `${fileKey('parse/json')}.json`);
    await mkdir(join(dir, 'history', '2024-03'), { recursive: true });
    await writeFile(file, '{"caseId":"parse/json", "entries": [');
    const store = await openStore(dir);
    const run = makeRun();
    await store.beginRun(run);

    await expect(store.history('parse/json')).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file });
    await store.recordResults(run.id, [makeResult(run, 'parse/json', 1)]);
    expect(await readFile(file, 'utf8')).toBe('{"caseId":"parse/json", "entries": [');
    await store.close();
  });

  it('a history line damaged in the middle fails with StoreCorrupt naming it, and recording more appends after it', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    for (const id of ['r1', 'r2']) {
      const run = makeRun({ id });
      await store.beginRun(run);
      await store.recordResults(id, [makeResult(run, 'parse/json', 1)]);
    }
    const file = join(dir, 'history', '2024-03', `${fileKey('parse/json')}.jsonl`);
    const damaged = (await readFile(file, 'utf8')).replace('"runId":"r1"', '"runId":r1"');
    await writeFile(file, damaged);
    const run = makeRun({ id: 'r3' });
    await store.beginRun(run);

    await expect(store.history('parse/json')).rejects.toMatchObject({ code: ErrorCode.StoreCorrupt, file, message: expect.stringContaining('line 1') as string });
    await store.recordResults(run.id, [makeResult(run, 'parse/json', 1)]);
    expect((await readFile(file, 'utf8')).startsWith(damaged)).toBe(true);
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
    await writeFile(join(dir, 'runs', '.2024-03.jsonl.tmp'), '{"id":');
    await writeFile(join(dir, '.state.json.tmp'), '');

    const reopened = await openStore(dir);
    await reopened.close();

    expect(await readdir(join(dir, 'runs'))).toEqual(['2024-03.jsonl']);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
