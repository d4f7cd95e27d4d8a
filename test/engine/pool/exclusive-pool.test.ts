import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ExclusivePool, type TaskOutcome } from '../../../src/engine/pool/exclusive-pool.js';
import { compileSuite } from '../../../src/engine/suite/compile-suite.js';
import { resolveBenchOptions } from '../../../src/modes/bench/bench-options.js';
import { listSuiteFile } from '../../../src/modes/bench/list-cases.js';
import type { MeasureReply } from '../../../src/modes/bench/worker.js';

const WORKER = new URL('../../../src/modes/bench/worker.ts', import.meta.url).href;
const SUITE = fileURLToPath(new URL('../../fixtures/misbehaving/cases.ts', import.meta.url));

// Small heap so the out-of-memory case fails fast.
const pool = new ExclusivePool({ filename: WORKER, resourceLimits: { maxOldGenerationSizeMb: 64 } });

async function measure(caseName: string, timeoutMs = 10_000): Promise<TaskOutcome<MeasureReply>> {
  const options = resolveBenchOptions('function', { timeBudgetMs: 20, warmupMs: 0, minSamples: 3 });
  return pool.run<MeasureReply>({ suite: await compileSuite(SUITE), caseName, options }, { timeoutMs });
}

function errorOf(outcome: TaskOutcome<MeasureReply>): { code: string; message: string } {
  if (!outcome.ok) return outcome.error;
  if (!outcome.value.ok) return outcome.value.error;
  throw new Error('expected an error, got a measurement');
}

describe('ExclusivePool with the bench worker', () => {
  it('lists the cases of a suite with their resolved options', async () => {
    const listing = await listSuiteFile(pool, SUITE);
    expect(listing.suiteErrors).toEqual([]);
    expect(listing.cases.map((c) => c.suite)).toContain('misbehaving');
    expect(listing.cases.map((c) => c.name)).toContain('hangs');
    expect(listing.cases.find((c) => c.name === 'hangs')?.options.timeoutMs).toBe(1500);
  });

  it('measures a well-behaved case', async () => {
    const outcome = await measure('fine');
    expect(outcome.ok && outcome.value.ok).toBe(true);
    if (outcome.ok && outcome.value.ok) {
      expect(outcome.value.measurement.samples.length).toBeGreaterThanOrEqual(3);
      expect(outcome.value.measurement.batch).toBeGreaterThan(1);
    }
  });

  it('reports a case that throws with the error message', async () => {
    expect(errorOf(await measure('throws'))).toMatchObject({ code: 'PERFLAB_E_CASE_THREW', message: expect.stringContaining('boom in the case') });
  });

  it('reports a setup that throws', async () => {
    expect(errorOf(await measure('throws in setup')).message).toContain('no database');
  });

  it('stops a case that hangs at its timeout', async () => {
    expect(errorOf(await measure('hangs', 1500))).toMatchObject({ code: 'PERFLAB_E_CASE_TIMEOUT', message: expect.stringContaining('1500 ms') });
  });

  it('reports a case that exhausts its heap', async () => {
    expect(errorOf(await measure('out of memory')).code).toBe('PERFLAB_E_CASE_OOM');
  });

  it('reports a case that calls process.exit', async () => {
    expect(errorOf(await measure('exits'))).toMatchObject({ code: 'PERFLAB_E_CASE_EXITED', message: expect.stringContaining('process.exit(3)') });
  });

  it('reports a case that leaves an unhandled rejection', async () => {
    expect(errorOf(await measure('leaks a rejection'))).toMatchObject({ code: 'PERFLAB_E_CASE_UNHANDLED_REJECTION', message: expect.stringContaining('forgotten promise') });
  });

  it('reports a measured region that is never ended', async () => {
    expect(errorOf(await measure('region without end')).message).toContain('t.end() was not');
  });

  it('keeps working after every kind of failure', async () => {
    for (const name of ['exits', 'hangs', 'fine']) await measure(name, 1500);
    const outcome = await measure('fine');
    expect(outcome.ok && outcome.value.ok).toBe(true);
  });

  it('reports a missing case by name', async () => {
    expect(errorOf(await measure('nope'))).toMatchObject({ code: 'PERFLAB_E_CASE_NOT_FOUND', message: expect.stringContaining('"nope"') });
  });

  it('runs no task while an exclusive section holds the pool', async () => {
    const order: string[] = [];
    let release = (): void => undefined;
    const held = pool.exclusive(() => new Promise<void>((resolve) => (release = () => (order.push('exclusive done'), resolve()))));
    const task = measure('fine').then(() => order.push('task done'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await Promise.all([held, task]);
    expect(order).toEqual(['exclusive done', 'task done']);
  });
});
