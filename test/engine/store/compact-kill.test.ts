// THE COMPACTION KILL TEST: compaction rewrites files that hold the only copy
// of old results (and, in a store migrated from schema 2, converts results
// and history files). A child compacts a store and is SIGKILLed at a random
// moment; every file must then be the old one or the new one, the store must
// read the same (but for samples), and compacting again must finish the job.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RecordedResult } from '../../../src/engine/model.js';
import { openDiskStore, openStore } from '../../../src/engine/store/open-store.js';
import { spawnFixture, stdoutLines, waitForExit, waitForLine } from './helpers/child.js';
import { readEverything } from './helpers/read-everything.js';
import type { ReadOptions } from './helpers/read-everything.js';
import { expectEveryFileParses } from './helpers/store-files.js';
import { makeResult, makeRun, tempDir } from './helpers/store-fixtures.js';

const ITERATIONS = 12;
const CASES = Array.from({ length: 20 }, (_, i) => `load/case-${i}`);
const READ: ReadOptions = { caseIds: ['parse/json', 'parse/csv', ...CASES.slice(0, 3)], machines: ['ci-1', 'arm-2'], since: '2024-02-01T00:00:00.000Z', withoutSamples: true };
const SAMPLES = Buffer.from(Float32Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i * 7.3)).buffer).toString('base64');
const V2_FIXTURE = fileURLToPath(new URL('./fixtures/v2-store', import.meta.url));

let pristine: string;
let onCleanup: () => Promise<void> = () => Promise.resolve();
let expected: Record<string, unknown>;

/** The schema 2 fixture, migrated, plus 100 runs of 20 cases over five months. */
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'perflab-compact-kill-'));
  onCleanup = () => rm(root, { recursive: true, force: true });
  pristine = join(root, 'store');
  await cp(V2_FIXTURE, pristine, { recursive: true });
  const store = await openStore(pristine);
  for (let i = 0; i < 100; i++) {
    const startedAt = new Date(Date.UTC(2024, 3 + Math.floor(i / 20), 1 + (i % 20), 10)).toISOString();
    const run = makeRun({ id: `load-${i}`, startedAt });
    await store.beginRun(run);
    await store.recordResults(run.id, CASES.map((caseId, k) => withSamples(makeResult(run, caseId, 100 + k))));
    await store.finishRun(run.id, { finishedAt: startedAt, environment: 'ok' });
  }
  expected = await readEverything(store, READ);
  await store.close();
}, 120_000);

afterAll(() => onCleanup());

/** Milliseconds from the child's "ready" to its "compacted", left to finish once. */
async function timeOneCompaction(): Promise<number> {
  const dir = join(await tempDir(), 'store');
  await cp(pristine, dir, { recursive: true });
  const child = spawnFixture('compact-loop.ts', [dir]);
  const output = stdoutLines(child);
  await waitForLine(child, output, 'ready');
  const started = performance.now();
  await waitForLine(child, output, 'compacted');
  const took = performance.now() - started;
  await waitForExit(child);
  return took;
}

function withSamples(recorded: RecordedResult): RecordedResult {
  return recorded.result.state === 'ok' ? { ...recorded, result: { ...recorded.result, samples: SAMPLES } } : recorded;
}

it(`a compaction SIGKILLed at ${ITERATIONS} random moments leaves every file old or new, the store reading the same, and compacts fully on the next try`, async () => {
  // Kills are spread over as long as one whole compaction takes on this machine now (a quiet machine compacts faster than a busy one).
  const compactionMs = await timeOneCompaction();
  let killedMidway = 0;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const dir = join(await tempDir(), 'store');
    await cp(pristine, dir, { recursive: true });
    const delay = Math.round(Math.random() * compactionMs);
    const child = spawnFixture('compact-loop.ts', [dir]);
    const output = stdoutLines(child);
    await waitForLine(child, output, 'ready');
    await sleep(delay);
    child.kill('SIGKILL');
    await waitForExit(child);
    if (!output.lines.includes('compacted')) killedMidway++;
    const context = `iteration ${iteration}, killed ${delay} ms after ready (a compaction takes ${Math.round(compactionMs)} ms)${output.lines.includes('compacted') ? ', after it finished' : ''}`;

    await expectEveryFileParses(dir, context);
    const store = await openDiskStore(dir);
    try {
      expect(await readEverything(store, READ), context).toEqual(expected);
      await store.compact({ keepSamplesMs: 0, now: new Date('2030-01-01T00:00:00.000Z') });
      expect(await readEverything(store, READ), `${context}, compacted again`).toEqual(expected);
      for (const run of await store.listRuns()) {
        for (const { result } of await store.runResults(run.id)) {
          if (result.state === 'ok') expect(result.samples, `${run.id} ${result.caseId} (${context})`).toBe('');
        }
      }
    } finally {
      await store.close();
    }
  }
  // Most kills must land during the compaction, or the test proved little.
  expect(killedMidway).toBeGreaterThan(ITERATIONS / 3);
}, 300_000);
