// perflab watching a real git repository: every commit measured in its own
// built worktree, one alert for the slow commit, a build failure reported,
// a batch bisected to the culprit, and nothing repeated after a restart.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import { watchedRepoSchema } from '../../src/engine/config/watch-config.js';
import { Lab, type JobEvent } from '../../src/lab/lab.js';
import { Watcher } from '../../src/triggers/watcher.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { useTempStore } from '../helpers/temp-store.js';

const BUILD_OK = "require('node:fs').writeFileSync('built.txt', 'ok');\n";
const BUILD_BROKEN = "console.error('syntax error in src/parser.c, line 42'); process.exit(1);\n";

const temp = useTempStore('perflab-watcher-');
let repo: TempRepo;
let store: Store;

beforeEach(() => {
  repo = tempRepo();
  store = temp.store;
});

afterEach(() => {
  repo.remove();
});

function startLab(events: JobEvent[] = []): { lab: Lab; watcher: Watcher } {
  const lab = new Lab({ store, machine: 'm', suitesDir: repo.dir, canary: false, overrides: { timeBudgetMs: 60, minSamples: 5, warmupMs: 5 } });
  void lab.start(); // jobs submitted before the queue has read the store wait for it
  const config = watchedRepoSchema.parse({ url: repo.dir, branches: ['main'], install: 'node build.cjs', maxBatch: 1 });
  return { lab, watcher: new Watcher(lab, [config], { listener: (e) => events.push(e) }) };
}

/** Commits the suite (spinning `factor` times) and a build script that works or not. */
function commit(message: string, factor: number, builds = true): string {
  repo.write('suites/spin.ts', spinSuite(factor));
  repo.write('build.cjs', builds ? BUILD_OK : BUILD_BROKEN);
  repo.write('CHANGES', `${message}\n`); // every commit changes something
  return repo.commit(message);
}

async function pollAndRun(lab: Lab, watcher: Watcher): Promise<number> {
  const jobs = await watcher.pollAll();
  await lab.idle();
  return jobs.length;
}

/** A fuzz property that fails for integers above 10 while `buggy`. */
function fuzzSuite(buggy: boolean): string {
  return `import fc from 'fast-check';
import { defineSuite } from 'perflab';
const BUGGY = ${buggy};
export default defineSuite({
  name: 'parse',
  fuzz: { 'small numbers': { property: () => fc.property(fc.integer(), (n) => { if (BUGGY && n > 10) throw new RangeError('number too large'); }) } },
});
`;
}

describe('Watcher', () => {
  it('measures each new commit once, alerts on the slow one and the broken build only, and repeats nothing after a restart', async () => {
    commit('first', 1);
    const { lab, watcher } = startLab();
    expect(await pollAndRun(lab, watcher)).toBe(1); // a branch never seen: its tip only
    expect((await store.listBaselines())).toHaveLength(1);

    commit('docs', 1);
    commit('refactor', 1);
    const slow = commit('slow down the hot loop', 3);
    const broken = commit('break the build', 3, false);
    expect(await pollAndRun(lab, watcher)).toBe(4);

    const runs = (await store.listRuns());
    expect(runs).toHaveLength(5);
    const alerts = (await store.listAlerts());
    expect(alerts.map((a) => [a.kind, a.commit])).toEqual([['regression', slow], ['build-failed', broken]]);
    expect(alerts[1]?.message).toMatch(/node build\.cjs` exited with code 1[\s\S]*syntax error in src\/parser\.c/);
    expect((await store.getCursor(repo.dir, 'main'))?.commit).toBe(broken);
    expect(lab.jobs().every((j) => j.state === 'done')).toBe(true);
    await lab.close();

    // A restart: the same store, a new lab and watcher.
    const again = startLab();
    expect(await pollAndRun(again.lab, again.watcher)).toBe(0);
    expect((await store.listRuns())).toHaveLength(5);
    const fixed = commit('fix the build', 3);
    expect(await pollAndRun(again.lab, again.watcher)).toBe(1);
    expect((await store.listRuns())[0]?.commit).toBe(fixed);
    await again.lab.close();
  }, 400_000); // about 13 measured runs and one confirmation

  it('measures a burst as one batch and bisects a regression to its commit, skipping a commit that does not build', async () => {
    commit('first', 1);
    const lab = new Lab({ store, machine: 'm', suitesDir: repo.dir, canary: false, overrides: { timeBudgetMs: 60, minSamples: 5, warmupMs: 5 } });
    await lab.start();
    const watcher = new Watcher(lab, [watchedRepoSchema.parse({ url: repo.dir, install: 'node build.cjs', maxBatch: 10 })]);
    await pollAndRun(lab, watcher);

    commit('docs', 1);
    const broken = commit('wip: does not build', 1, false);
    commit('fix the build', 1);
    const culprit = commit('slow down the hot loop', 3);
    commit('tests', 3);
    expect(await pollAndRun(lab, watcher)).toBe(1);

    const regression = (await store.listAlerts()).find((a) => a.kind === 'regression') as Alert;
    expect(regression).toBeDefined();
    // Bisection tried the middle (which does not build), skipped it for a neighbour, and pinned the culprit.
    expect(regression.culprit).toMatchObject({ commit: culprit, author: 'Ada', subject: 'slow down the hot loop', skipped: [broken] });
    expect(regression.culprit?.steps).toBeLessThanOrEqual(3);
    expect(lab.jobs().map((j) => [j.kind, j.state])).toEqual([['bisect', 'done'], ['commit', 'done'], ['commit', 'done']]);
    expect((await store.listAudit()).find((e) => e.action === 'bisect')?.args).toMatchObject({ alertId: regression.id, culprit });
    await lab.close();
  }, 400_000); // a confirmation, then up to three interleaved bisection steps

  it('replays known fuzz findings at every new commit: fixed at the commit that fixed it, and back (with an alert) when it returns', async () => {
    repo.write('suites/parse.ts', fuzzSuite(true));
    repo.commit('parser with a bug');
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'suites'), canary: false });
    await lab.start();
    const watcher = new Watcher(lab, [watchedRepoSchema.parse({ url: repo.dir, maxBatch: 1 })]);
    await watcher.pollAll(); // the tip: nothing to replay yet
    lab.submit('fuzz', { pattern: 'parse', budgetMs: 1000, workers: 1 }, { kind: 'cli', by: 'cli:ada' });
    await lab.idle();
    const [finding] = (await store.listFindings({ mode: 'fuzz' }));
    expect(finding).toMatchObject({ caseId: 'parse/small numbers', state: 'new' });

    repo.write('suites/parse.ts', fuzzSuite(false));
    const fix = repo.commit('fix the parser');
    await pollAndRun(lab, watcher);
    expect((await store.getFinding(finding?.id ?? ''))).toMatchObject({ state: 'fixed', fixedIn: { commit: fix } });

    repo.write('suites/parse.ts', fuzzSuite(true));
    const back = repo.commit('reintroduce the bug');
    await pollAndRun(lab, watcher);
    expect((await store.getFinding(finding?.id ?? ''))?.state).toBe('regressed');
    expect((await store.listAlerts()).filter((a) => a.kind === 'finding').map((a) => a.commit)).toContain(back);
    await lab.close();
  }, 400_000);

  it("tells a poll's own listener about the jobs it queues, and runs the canary when the repository asks for it", async () => {
    commit('first', 1);
    const watcherEvents: JobEvent[] = [];
    const { lab, watcher } = startLab(watcherEvents); // the lab itself runs no canary
    const pollEvents: JobEvent[] = [];
    const [job] = await watcher.poll(watchedRepoSchema.parse({ url: repo.dir, install: 'node build.cjs', canary: true }), (e) => pollEvents.push(e));
    await lab.idle();

    expect(pollEvents.map((e) => e.type)).toEqual(['started', ...pollEvents.slice(1, -1).map(() => 'progress'), 'run-finished']);
    expect(pollEvents.every((e) => e.job.id === job?.id)).toBe(true);
    expect(watcherEvents).toEqual([]);
    const finished = pollEvents.at(-1);
    expect(finished?.type === 'run-finished' ? finished.report.canary?.caseId : undefined).toBe('perflab/canary');
    await lab.close();
  });
});
