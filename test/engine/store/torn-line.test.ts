// A process killed in the middle of an append leaves a torn last line. It was
// never reported as written: reading drops it, and the next append starts on
// a line of its own instead of continuing it.
import { appendFile, readFile, truncate, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/model.js';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openStore } from '../../../src/engine/store/open-store.js';
import type { Store } from '../../../src/engine/store/store.js';
import { makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

async function recordRun(store: Store, id: string, day: number): Promise<Run> {
  const run = makeRun({ id, startedAt: `2024-03-${String(day).padStart(2, '0')}T10:00:00.000Z` });
  await store.beginRun(run);
  await store.recordResults(id, [makeResult(run, 'parse/json', day)]);
  await store.finishRun(id, { finishedAt: run.startedAt, environment: 'ok' });
  return run;
}

function everyLineParses(text: string): boolean {
  return text.endsWith('\n') && text.slice(0, -1).split('\n').every((line) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  });
}

const historyFile = (dir: string): string => join(dir, 'history', '2024-03', `${fileKey('parse/json')}.jsonl`);

describe('a torn last line', () => {
  it('of a case history is dropped on read, and the next entry starts on a line of its own', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await recordRun(store, 'r1', 1);
    await recordRun(store, 'r2', 2);
    await store.close();
    await appendFile(historyFile(dir), '{"runId":"r3","commit":"c0ff'); // what a kill in the middle of an append leaves

    const reopened = await openStore(dir);
    const afterKill = (await reopened.history('parse/json')).map((entry) => entry.runId);
    await recordRun(reopened, 'r4', 4);
    const afterNextRun = (await reopened.history('parse/json')).map((entry) => entry.runId);
    await reopened.close();

    expect(afterKill).toEqual(['r1', 'r2']);
    expect(afterNextRun).toEqual(['r1', 'r2', 'r4']);
    expect(everyLineParses(await readFile(historyFile(dir), 'utf8'))).toBe(true);
  });

  it('that is a whole record without its newline is kept, and the next entry still gets a line of its own', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await recordRun(store, 'r1', 1);
    await store.close();
    const file = historyFile(dir);
    const text = await readFile(file, 'utf8');
    await truncate(file, (await stat(file)).size - 1); // only the newline is missing

    const reopened = await openStore(dir);
    const read = (await reopened.history('parse/json')).map((entry) => entry.runId);
    await recordRun(reopened, 'r2', 2);
    await reopened.close();

    expect(read).toEqual(['r1']);
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(text)).toBe(true);
    expect(everyLineParses(after)).toBe(true);
  });

  it('of the run log leaves the run as it was before that line: a torn finish reads as unfinished, and finishing it again works', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await recordRun(store, 'r1', 1);
    await store.close();
    const file = join(dir, 'runs', '2024-03.jsonl');
    await truncate(file, (await stat(file)).size - 20); // the finish line, cut short

    const reopened = await openStore(dir);
    const torn = await reopened.getRun('r1');
    await reopened.finishRun('r1', { finishedAt: '2024-03-01T11:00:00.000Z', environment: 'ok' });
    await reopened.close();
    const again = await openStore(dir);
    const finished = await again.getRun('r1');
    await again.close();

    expect(torn?.finishedAt).toBeNull();
    expect(finished?.finishedAt).toBe('2024-03-01T11:00:00.000Z');
    expect(everyLineParses(await readFile(file, 'utf8'))).toBe(true);
  });

  it('of the audit log is dropped, and the next event is kept', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.audit({ at: '2024-03-01T10:00:00.000Z', actor: 'cli:a', action: 'first', args: {} });
    await store.close();
    await appendFile(join(dir, 'audit', '2024-03.jsonl'), '{"at":"2024-03-01T10:0');

    const reopened = await openStore(dir);
    await reopened.audit({ at: '2024-03-02T10:00:00.000Z', actor: 'cli:a', action: 'second', args: {} });
    const actions = (await reopened.listAudit()).map((event) => event.action);
    await reopened.close();

    expect(actions).toEqual(['second', 'first']);
  });
});
