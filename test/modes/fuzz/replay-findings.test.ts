// Replaying known findings with a real pool and store: a bug that is still
// there reproduces, a fixed one is marked fixed after R clean replays, and one
// that comes back is regressed and alerted. "Commits" are two fixture
// directories: buggy/ and fixed/ hold the same suite before and after the fix.
import { describe, expect, it } from 'vitest';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import { FuzzPool } from '../../../src/modes/fuzz/fuzz-pool.js';
import { replayFinding } from '../../../src/modes/fuzz/replay-finding.js';
import { replayKnownFindings } from '../../../src/modes/fuzz/replay-findings.js';
import { runFuzz } from '../../../src/modes/fuzz/run-fuzz.js';
import type { Store } from '../../../src/engine/store/store.js';
import { fixtureSuites, tempStore, testPool, TRIGGER } from './helpers.js';

async function findBug(store: Store, pool: FuzzPool, commit: string): Promise<string> {
  await runFuzz({ suitesDir: fixtureSuites('buggy'), filter: caseFilter(undefined), store, pool, machine: 'm', trigger: TRIGGER, checkout: null, commit, budgetMs: 500 });
  const [finding] = (await store.listFindings());
  if (!finding) throw new Error('the buggy fixture should have produced a finding');
  return finding.id;
}

const replayAt = (store: Store, pool: FuzzPool, dir: 'buggy' | 'fixed', commit: string, repeats = 3) =>
  replayKnownFindings({ store, pool, suitesDir: fixtureSuites(dir), commit, machine: 'm', repeats });

describe('replaying findings', () => {
  it('reproduces a finding from its seed and path', async () => {
    const store = await tempStore();
    const pool = testPool(1);
    const id = await findBug(store, pool, 'c1');
    const replay = await replayFinding({ store, pool, suitesDir: fixtureSuites('buggy'), findingId: id, checkout: { commit: 'c1', dirty: false } });
    expect(replay.result).toMatchObject({ state: 'reproduced', message: expect.stringMatching(/^RangeError: cannot halve \d+$/) });
    expect(replay.markedFlaky).toBe(false);
  });

  it('marks a finding flaky when it passes on the code it failed on', async () => {
    const store = await tempStore();
    process.env.PERFLAB_FIXTURE_FAIL = '1';
    const failing = new FuzzPool({ workers: 1 }); // workers copy the environment when they start
    delete process.env.PERFLAB_FIXTURE_FAIL;
    try {
      await runFuzz({ suitesDir: fixtureSuites('env-dependent'), filter: caseFilter(undefined), store, pool: failing, machine: 'm', trigger: TRIGGER, checkout: null, budgetMs: 300 });
    } finally {
      await failing.close();
    }
    const [finding] = (await store.listFindings());
    const replay = await replayFinding({ store, pool: testPool(1), suitesDir: fixtureSuites('env-dependent'), findingId: finding?.id ?? '', checkout: { commit: null, dirty: false } });
    expect(replay.result.state).toBe('passed');
    expect(replay.markedFlaky).toBe(true);
    expect((await store.getFinding(finding?.id ?? ''))?.flaky).toBe(true);
  });

  it('marks a finding fixed, with the commit, after R clean replays in a row; a still-failing one stays', async () => {
    const store = await tempStore();
    const pool = testPool(1);
    const id = await findBug(store, pool, 'c1');

    const still = await replayAt(store, pool, 'buggy', 'c2');
    expect(still.outcomes).toMatchObject([{ findingId: id, verdict: 'reproduces', attempts: 1 }]);
    expect((await store.getFinding(id))?.state).toBe('new');

    const fixed = await replayAt(store, pool, 'fixed', 'c3', 2);
    expect(fixed.outcomes).toMatchObject([{ findingId: id, verdict: 'fixed', attempts: 2, reproduced: 0 }]);
    expect((await store.getFinding(id))).toMatchObject({ state: 'fixed', fixedIn: { commit: 'c3', runId: fixed.run.id } });
    expect(fixed.alert).toBeUndefined();
    expect((await store.getRun(fixed.run.id))?.fuzz?.replays).toEqual([{ findingId: id, attempts: 2, reproduced: 0 }]);
  });

  it('marks a fixed finding regressed when it reproduces again, and alerts', async () => {
    const store = await tempStore();
    const pool = testPool(1);
    const id = await findBug(store, pool, 'c1');
    await replayAt(store, pool, 'fixed', 'c2');
    expect((await store.getFinding(id))?.state).toBe('fixed');

    const back = await replayAt(store, pool, 'buggy', 'c3');
    expect(back.outcomes).toMatchObject([{ findingId: id, verdict: 'regressed' }]);
    expect((await store.getFinding(id))?.state).toBe('regressed');
    expect(back.alert).toMatchObject({ kind: 'finding', findingIds: [id], commit: 'c3' });
  });
});
