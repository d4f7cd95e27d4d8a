// Retention: compaction drops raw samples of old results and nothing else.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/model.js';
import { fileKey } from '../../../src/engine/store/file-key.js';
import { openDiskStore } from '../../../src/engine/store/open-store.js';
import type { Store } from '../../../src/engine/store/store.js';
import { readEverything } from './helpers/read-everything.js';
import { makeAlert, makeBaseline, makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

const NOW = new Date('2024-04-15T00:00:00.000Z');
const DAY = 86_400_000;
const READ = { caseIds: ['parse/json', 'parse/csv'], machines: ['ci-1'], since: '2024-02-01T00:00:00.000Z', withoutSamples: true };

// 1 000 noisy Float32 values, as `encodeSamples` writes them.
const SAMPLES = Buffer.from(Float32Array.from({ length: 1000 }, (_, i) => 100 + Math.sin(i * 7.3)).buffer).toString('base64');

async function recordRun(store: Store, id: string, startedAt: string): Promise<Run> {
  const run = makeRun({ id, startedAt });
  await store.beginRun(run);
  const withSamples = (caseId: string, median: number) => {
    const recorded = makeResult(run, caseId, median);
    return recorded.result.state === 'ok' ? { ...recorded, result: { ...recorded.result, samples: SAMPLES } } : recorded;
  };
  await store.recordResults(id, [withSamples('parse/json', 100), withSamples('parse/csv', 200)]);
  await store.finishRun(id, { finishedAt: startedAt, environment: 'ok' });
  return run;
}

/** Runs on Jan 10, Mar 10 and Apr 1 2024, with a baseline, alerts, a finding and audit events. */
async function busyStore(dir: string): Promise<void> {
  const store = await openDiskStore(dir);
  await recordRun(store, 'jan', '2024-01-10T10:00:00.000Z');
  await recordRun(store, 'mar', '2024-03-10T10:00:00.000Z');
  await recordRun(store, 'apr', '2024-04-01T10:00:00.000Z');
  await store.acceptBaseline(makeBaseline({ runId: 'jan', acceptedAt: '2024-01-10T11:00:00.000Z' }));
  await store.acceptBaseline(makeBaseline({ runId: 'mar', acceptedAt: '2024-03-10T11:00:00.000Z' }));
  await store.addAlert(makeAlert({ id: 'a-jan', runId: 'jan', createdAt: '2024-01-10T11:00:00.000Z' }));
  await store.transitionAlert('a-jan', ['open'], 'dismissed', 'slack:U1');
  await store.addAlert(makeAlert({ id: 'a-apr', runId: 'apr', createdAt: '2024-04-01T11:00:00.000Z' }));
  await store.recordFinding({ mode: 'fuzz', caseId: 'url/x', signature: 's', kind: 'property-failed', title: 't', evidence: 'e', detail: {} }, { runId: 'jan', commit: 'c', at: '2024-01-10T10:00:00.000Z' });
  await store.close();
}

async function samplesByRun(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const id of ['jan', 'mar', 'apr']) out[id] = (await store.runResults(id)).map((r) => (r.result.state === 'ok' ? r.result.samples : 'errored'));
  return out;
}

describe('compact', () => {
  it('drops the samples of results recorded before the cutoff, and keeps newer ones', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);

    await store.compact({ keepSamplesMs: 30 * DAY, now: NOW }); // cutoff Mar 16

    expect(await samplesByRun(store)).toEqual({ jan: ['', ''], mar: ['', ''], apr: [SAMPLES, SAMPLES] });
    await store.close();
  });

  it('changes nothing else: results but their samples, history, baselines, alerts, findings and audit read the same', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);
    const before = await readEverything(store, READ);

    await store.compact({ keepSamplesMs: 0, now: NOW });

    expect(await readEverything(store, READ)).toEqual(before);
    await store.close();
  });

  it('reports the cutoff, what it rewrote and the bytes it freed', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);

    const report = await store.compact({ keepSamplesMs: 30 * DAY, now: NOW });
    await store.close();

    expect(report).toMatchObject({ cutoff: '2024-03-16T00:00:00.000Z', runs: 2, results: 4, historyFiles: 0 });
    expect(report.bytesAfter).toBeLessThan(report.bytesBefore);
  });

  it('a second compaction with the same cutoff finds nothing to drop, and does not read the months it finished', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);
    await store.compact({ keepSamplesMs: 30 * DAY, now: NOW });
    // January is wholly before the cutoff and marked done: damaging a file there must go unnoticed.
    await writeFile(join(dir, 'results', '2024-01', `${fileKey('jan')}.json.gz`), 'damaged');

    const again = await store.compact({ keepSamplesMs: 30 * DAY, now: NOW });
    await store.close();

    expect(again).toMatchObject({ runs: 0, results: 0, bytesBefore: 0, bytesAfter: 0 });
    expect(await readdir(join(dir, 'results', '2024-01'))).toContain('samples-dropped.json');
    expect(await readdir(join(dir, 'results', '2024-03'))).not.toContain('samples-dropped.json'); // March runs past the cutoff
  });

  it('results recorded later into a month marked done take the mark away', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);
    await store.compact({ keepSamplesMs: 30 * DAY, now: NOW });

    await recordRun(store, 'late-jan', '2024-01-20T10:00:00.000Z');
    const later = await store.compact({ keepSamplesMs: 30 * DAY, now: NOW });
    await store.close();

    expect(later).toMatchObject({ runs: 1, results: 2 });
  });

  it('keeps writing while compacting: other writes wait for a month at most', async () => {
    const dir = await tempDir();
    await busyStore(dir);
    const store = await openDiskStore(dir);

    const [report] = await Promise.all([store.compact({ keepSamplesMs: 0, now: NOW }), recordRun(store, 'during', '2024-04-02T10:00:00.000Z')]);
    await store.close();

    expect(report.runs).toBeGreaterThanOrEqual(3);
  });
});
