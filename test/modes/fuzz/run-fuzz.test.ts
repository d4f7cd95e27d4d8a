// runFuzz with a real pool of worker threads and a real store on a temp dir.
import { describe, expect, it, onTestFinished } from 'vitest';
import { ErrorCode } from '../../../src/engine/errors.js';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import { runFuzz, type RunFuzzOptions } from '../../../src/modes/fuzz/run-fuzz.js';
import type { Store } from '../../../src/engine/store/store.js';
import { FuzzPool } from '../../../src/modes/fuzz/fuzz-pool.js';
import { fixtureSuites, tempStore, testPool, TRIGGER } from './helpers.js';

function options(store: Store, pool: FuzzPool, pattern: string, budgetMs = 1000): RunFuzzOptions {
  return { suitesDir: fixtureSuites('mixed'), filter: caseFilter(pattern), store, pool, machine: 'm', trigger: TRIGGER, checkout: null, budgetMs };
}

describe('runFuzz', () => {
  it('records a bug found by two workers in two runs as one finding, counted four times, alerted once', async () => {
    const store = await tempStore();
    const pool = testPool(2);

    const first = await runFuzz(options(store, pool, 'mixed/planted'));
    const second = await runFuzz(options(store, pool, 'mixed/planted'));

    const findings = (await store.listFindings());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ caseId: 'mixed/planted', kind: 'property-failed', state: 'new', count: 4 });
    expect(findings[0]?.title).toMatch(/^TypeError: bad input "x" at 1 \(input \["x"\]\)$/);
    expect(findings[0]?.repro).toMatch(/^perflab fuzz mixed\/planted --seed \d+ --path [\d:]+$/);
    expect(first.alert?.findingIds).toEqual([findings[0]?.id]);
    expect(second.alert).toBeUndefined();
    expect((await store.listAlerts())).toHaveLength(1);
  });

  it('stores every worker\'s seed on the run before fuzzing, and the stats when done', async () => {
    const store = await tempStore();
    let seedsAtStart: number[] = [];
    const report = await runFuzz({
      ...options(store, testPool(2), 'mixed/passes', 300),
      onProgress: (event) => {
        if (event.type === 'property-start') void store.listRuns({ limit: 1 }).then((runs) => (seedsAtStart = runs[0]?.fuzz?.tasks.map((t) => t.seed) ?? []));
      },
    });
    const run = (await store.getRun(report.run.id));
    expect(seedsAtStart).toEqual(run?.fuzz?.tasks.map((t) => t.seed));
    expect(run?.fuzz?.tasks).toHaveLength(2);
    expect(new Set(run?.fuzz?.tasks.map((t) => t.seed)).size).toBe(2);
    expect(run?.fuzz?.cases?.[0]).toMatchObject({ caseId: 'mixed/passes', state: 'passed', findings: 0 });
    expect(run?.fuzz?.cases?.[0]?.inputs).toBeGreaterThan(0);
    expect(run?.fuzz?.cases?.[0]?.executionsPerSecond).toBeGreaterThan(0);
  });

  it('turns a synchronous hang into a hang finding and replaces the worker', async () => {
    const store = await tempStore();
    const pool = testPool(2);
    const report = await runFuzz(options(store, pool, 'mixed/sync hang'));
    expect((await store.listFindings())).toMatchObject([{ kind: 'hang', caseId: 'mixed/sync hang' }]);
    const finding = (await store.listFindings())[0];
    expect(finding?.detail).toMatchObject({ seed: expect.any(Number), path: expect.stringMatching(/^\d+$/) });
    expect(report.cases[0]?.state).toBe('failed');

    // Both workers were terminated; the pool still fuzzes.
    const after = await runFuzz(options(store, pool, 'mixed/passes', 300));
    expect(after.cases[0]?.inputs).toBeGreaterThan(0);
  });

  it('turns an async input that outlives its timeout into a shrunk hang finding, without ending the worker', async () => {
    const store = await tempStore();
    // 3 s: the worker's cold start comes out of the budget, and shrinking needs time left for a step.
    const report = await runFuzz({ ...options(store, testPool(1), 'async/never', 3000), suitesDir: fixtureSuites('async-hang') });
    // Shrinking costs 200 ms a step here, so how far it gets within the budget varies.
    // Shrunk (a path with steps) means fast-check handled it: the watchdog never had to end the worker.
    expect((await store.listFindings())).toMatchObject([{ kind: 'hang', title: expect.stringMatching(/^Error: Property timeout: exceeded limit of 200 milliseconds \(input \[\d+\]\)$/), detail: { path: expect.stringContaining(':') } }]);
    expect(report.cases[0]?.state).toBe('failed');
  });

  it('turns an input that exhausts the worker\'s heap into an oom finding', async () => {
    const store = await tempStore();
    const pool = new FuzzPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    onTestFinished(() => pool.close());
    await runFuzz({ ...options(store, pool, 'hoard/grow'), suitesDir: fixtureSuites('memory-hungry') });
    expect((await store.listFindings())).toMatchObject([{ kind: 'oom', caseId: 'hoard/grow', title: 'out of memory', detail: { path: '0' } }]);
  });

  it('reports properties that cannot run with a clear error, and still runs the others', async () => {
    const store = await tempStore();
    const report = await runFuzz(options(store, testPool(2), 'mixed/', 2000));
    const byId = new Map(report.cases.map((c) => [c.caseId, c]));
    expect(byId.get('mixed/throws on construction')?.error).toEqual({ code: ErrorCode.PropertyBuild, message: 'fuzz "throws on construction": building the property threw Error: boom at build' });
    expect(byId.get('mixed/filter rejects everything')?.error).toMatchObject({ code: ErrorCode.CannotGenerate, message: expect.stringContaining('generating one value took longer than 300 ms') });
    expect(byId.get('mixed/precondition rejects everything')?.error).toMatchObject({ code: ErrorCode.CannotGenerate, message: expect.stringContaining('every generated value was rejected') });
    expect(byId.get('mixed/passes')?.state).toBe('passed');
    expect(byId.get('mixed/planted')?.state).toBe('failed');
    expect((await store.listFindings()).map((f) => f.caseId).sort()).toEqual(['mixed/planted', 'mixed/sync hang']);
  });

  it('does not call a property passed when its budget ran out before any value got past fc.pre', async () => {
    const store = await tempStore();
    const report = await runFuzz(options(store, testPool(1), 'mixed/precondition', 50));
    expect(report.cases[0]).toMatchObject({ state: 'errored', error: { code: ErrorCode.CannotGenerate } });
  });

  it('refuses a budget that is not a positive number', async () => {
    const store = await tempStore();
    await expect(runFuzz({ ...options(store, testPool(1), 'mixed/passes'), budgetMs: Number.NaN })).rejects.toThrow(/budget must be a positive number/);
  });
});
