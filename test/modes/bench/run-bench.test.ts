import { beforeEach, describe, expect, it } from 'vitest';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import type { Store } from '../../../src/engine/store/store.js';
import { FIRST_BASELINE_RUNS } from '../../../src/modes/bench/run-bench.js';
import { baselineWindow } from '../../../src/engine/compare/compare-to-baseline.js';
import { PAIRED_SCREEN } from '../../../src/engine/stats/index.js';
import { useBenchInRepo } from '../../helpers/bench-in-repo.js';
import { spinSuite, type TempRepo } from '../../helpers/temp-repo.js';

const bench = useBenchInRepo({ machine: 'test-machine', canary: false });
const run = bench.run;
let repo: TempRepo;
let store: Store;

beforeEach(() => {
  ({ repo, store } = bench);
});

describe('runBench', () => {
  it('accepts the first result of a case as its baseline', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    const commit = repo.commit('spin');

    const report = await run();

    expect(report.entries.map((e) => [e.caseId, e.comparison.verdict])).toEqual([['spin/work', 'no-baseline']]);
    const baseline = (await store.getBaseline('spin/work', 'test-machine'));
    expect(baseline).toMatchObject({ runId: report.run.id, commit, acceptedBy: 'perflab' });
    expect(report.run.commit).toBe(commit);
  });

  it('makes a first baseline from 3 fresh-worker runs, and screens the next run against their spread', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');

    const first = await run();
    const baseline = await store.getBaseline('spin/work', 'test-machine');
    const entry = first.entries[0];
    if (!baseline || entry?.result.state !== 'ok') throw new Error('no baseline after the first run');
    expect(baseline.runMedians).toHaveLength(FIRST_BASELINE_RUNS);
    expect(baseline.runMedians?.[0]).toBe(entry.result.summary.median);
    expect(baseline.median).toBe([...(baseline.runMedians ?? [])].sort((x, y) => x - y)[1]);
    expect(baseline.reason).toContain('3 fresh-worker runs');
    // The window holds the three runs, so a spread exists before any second run.
    expect((await baselineWindow(store, 'spin/work', 'test-machine', baseline)).current).toEqual(baseline.runMedians);

    const second = await run();
    expect(second.entries[0]?.comparison.reason).not.toContain('z not used: only 1 run(s) in the window');
    expect((await baselineWindow(store, 'spin/work', 'test-machine', baseline)).current).toHaveLength(second.entries[0]?.comparison.verdict === 'unchanged' ? 4 : 3);
    // Reopened, the store still has the runs.
    store = await bench.reopen();
    expect((await store.getBaseline('spin/work', 'test-machine'))?.runMedians).toEqual(baseline.runMedians);
  });

  it('runs nothing more for the baseline\'s own code: the same commit, clean, is unchanged with no confirmation', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    await run();
    const confirmRuns: string[] = [];

    const report = await run({ onProgress: (p) => void (p.type === 'confirm' && confirmRuns.push(p.side)) });

    const comparison = report.entries[0]?.comparison;
    expect(comparison?.verdict).toBe('unchanged');
    expect(comparison?.change).toBeUndefined();
    expect(comparison?.reason).toMatch(/^The same code as the baseline \([0-9a-f]{12}\), clean trees: nothing to confirm\. Run median .* earlier runs: only the machine can differ\.$/);
    expect(comparison?.evidence?.screening.windowRuns).toBe(FIRST_BASELINE_RUNS);
    expect(confirmRuns).toEqual([]);
    // Its run joins the window: it says how far the machine moves between runs.
    const history = await store.history('spin/work', { machine: 'test-machine' });
    expect(history.at(-1)).toMatchObject({ runId: report.run.id, verdict: 'unchanged', inWindow: true });
    expect(report.alerts).toEqual([]);
  }, 180_000);

  it('does not vouch for a suite file git does not track: it is screened against the window, not called the same code', async () => {
    repo.write('README.md', 'a repository whose suite is not committed\n');
    repo.commit('readme');
    repo.write('suites/spin.ts', spinSuite(1));
    await run();

    const report = await run();

    const comparison = report.entries[0]?.comparison;
    expect(comparison?.reason).not.toMatch(/same code/);
    expect(comparison?.change?.method).not.toBe('interleaved');
    expect(report.alerts).toEqual([]);
  }, 180_000);

  it('screens a commit that may have changed the code on pairs of old and new code, and calls an unrelated change unchanged', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    const base = repo.commit('spin');
    await run();
    repo.write('README.md', 'nothing the suite runs\n');
    repo.commit('docs only');
    const sides: string[] = [];

    const report = await run({ onProgress: (p) => void (p.type === 'confirm' && sides.push(p.side)) });

    const comparison = report.entries[0]?.comparison;
    // Same work on both sides: never a regression or an improvement (a loaded machine may make it too noisy to say more).
    expect(['unchanged', 'unstable']).toContain(comparison?.verdict);
    expect(comparison?.change?.method).toBe('interleaved');
    expect(comparison?.change?.runs).toBeGreaterThanOrEqual(PAIRED_SCREEN.pairs);
    expect(comparison?.reason).toMatch(/^Against the window: /);
    // Old and new code took turns from the first pair: A B B A …
    expect(sides.slice(0, 2 * PAIRED_SCREEN.pairs)).toEqual(['baseline', 'candidate', 'candidate', 'baseline', 'baseline', 'candidate', 'candidate', 'baseline']);
    expect(comparison?.evidence?.confirmation?.baseline).toHaveLength(comparison?.change?.runs ?? -1);
    expect((await store.getBaseline('spin/work', 'test-machine'))?.commit).toBe(base);
    expect(report.alerts).toEqual([]);
  }, 180_000);

  it('confirms a commit that triples the work as a regression, against the old code, and raises one alert', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    await run();
    repo.write('suites/spin.ts', spinSuite(3));
    const slow = repo.commit('three times the work');

    const report = await run();

    const entry = report.entries[0];
    expect(entry?.comparison.verdict).toBe('regressed');
    expect(entry?.comparison.change?.method).toBe('interleaved');
    // Three times the work: about 3×. The bounds are wide because on a busy 2-core machine
    // the interleaved runs of either side can be slowed by other work (4.6 was seen).
    expect(entry?.comparison.change?.ratio).toBeGreaterThan(2.2);
    expect(entry?.comparison.change?.ratio).toBeLessThan(6);
    expect(entry?.comparison.change?.ciLow).toBeGreaterThan(1.03);
    expect(entry?.comparison.change?.pValue).toBeLessThan(0.01);
    expect(report.alerts).toMatchObject([{ kind: 'regression', caseIds: ['spin/work'], state: 'open', commit: slow }]);
    // An unconfirmed change never drifts into the baseline.
    expect((await store.getBaseline('spin/work', 'test-machine'))?.runId).not.toBe(report.run.id);
    const history = await store.history('spin/work', { machine: 'test-machine' });
    expect(history.at(-1)).toMatchObject({ runId: report.run.id, verdict: 'regressed', inWindow: false });
  }, 180_000);

  it('reports a broken suite by file and still runs the others', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.write('suites/broken.ts', 'export default { name: ');
    repo.write('suites/wrong-export.ts', 'export const nothing = 1;');
    repo.write('suites/bad-option.ts', "import { defineSuite } from 'perflab';\nexport default defineSuite({ name: 'bad', bench: { a: { fn: () => 1, timeBudget: 5 } } });");
    repo.commit('suites');

    const report = await run();

    expect(report.entries.map((e) => e.caseId)).toEqual(['spin/work']);
    const errors = Object.fromEntries(report.suiteErrors.map((e) => [e.file.split('/').at(-1), e.error]));
    expect(errors['broken.ts']).toMatchObject({ code: 'PERFLAB_E_SUITE_LOAD', message: expect.stringContaining('broken.ts') });
    expect(errors['wrong-export.ts']).toMatchObject({ code: 'PERFLAB_E_SUITE_INVALID', message: expect.stringContaining('export default defineSuite') });
    expect(errors['bad-option.ts']?.message).toMatch(/bench\.a.*timeBudget/);
    expect(report.alerts.map((a) => a.kind)).toEqual(['suite-error']);
  });

  it('measures a suite that imports its own TypeScript helper, and the helper as edited on the next run', async () => {
    repo.write('suites/helpers/work.ts', 'export function work(n: number): number {\n  let x = 0;\n  for (let i = 0; i < n; i++) x = (x + i) % 7;\n  return x;\n}\n');
    repo.write('suites/helped.ts', "import { defineSuite } from 'perflab';\nimport { work } from './helpers/work.js';\nexport default defineSuite({ name: 'helped', bench: { work: { fn: () => work(1000) } } });\n");
    repo.commit('a suite with a helper');

    const first = await run();
    repo.write('suites/helpers/work.ts', "export function work(_n: number): number {\n  throw new Error('helper edited to fail');\n}\n");
    const second = await run();

    expect(first.entries.map((e) => [e.caseId, e.result.state])).toEqual([['helped/work', 'ok']]);
    expect(second.entries[0]?.result).toMatchObject({ state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: expect.stringContaining('helper edited to fail') } });
  });

  it('marks the run environment-suspect when the canary moves, and gives no regression verdict', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    const first = await run({ canary: true });
    const canary = first.canary;
    if (canary?.result.state !== 'ok') throw new Error('canary did not run');
    // Pretend the canary used to be three times faster on this machine, over
    // enough runs for it to know its own noise.
    for (const [i, factor] of [3, 3.03, 2.97].entries()) {
      const fakeRun = { ...first.run, id: `fake-fast-canary-${i}`, startedAt: new Date().toISOString() };
      await store.beginRun(fakeRun);
      const fast = { ...canary.result, summary: { ...canary.result.summary, median: canary.result.summary.median / factor } };
      await store.recordResults(fakeRun.id, [{ runId: fakeRun.id, commit: null, machine: 'test-machine', recordedAt: new Date().toISOString(), result: fast, inWindow: true }]);
      if (i === 0) await store.acceptBaseline({ caseId: 'perflab/canary', machine: 'test-machine', runId: fakeRun.id, commit: null, median: fast.summary.median, unit: 'ns', acceptedBy: 'test', acceptedAt: new Date().toISOString(), reason: 'test' });
    }
    // Four times the work: far beyond any noise, so screening surely flags it.
    repo.write('suites/spin.ts', spinSuite(4));
    repo.commit('four times the work');

    const report = await run({ canary: true });

    expect(report.run.environment).toBe('suspect');
    expect(report.entries[0]?.comparison.verdict).toBe('unstable');
    expect(report.entries[0]?.comparison.reason).toContain('canary');
    expect(report.alerts.map((a) => a.kind)).toEqual(['environment-suspect']);
    expect((await store.getRun(report.run.id))?.environment).toBe('suspect');
  });

  it('runs only the cases the filter matches', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.write('suites/other.ts', spinSuite(1, 'other'));
    repo.commit('two suites');

    const report = await run({ filter: caseFilter('other/*') });

    expect(report.entries.map((e) => e.caseId)).toEqual(['other/work']);
  });

  it('does not mark runs environment-suspect while the canary learns the machine', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');

    const environments = [];
    for (let i = 0; i < 3; i++) environments.push((await run({ canary: true })).run.environment);

    expect(environments).toEqual(['ok', 'ok', 'ok']);
    const history = await store.history('perflab/canary', { machine: 'test-machine' });
    expect(history.map((e) => e.inWindow)).toEqual([true, true, true]);
  }, 180_000);
});
