import { describe, expect, it } from 'vitest';
import type { FindingReport, Sighting } from '../../../../src/engine/model.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

const report = (signature: string, over: Partial<FindingReport> = {}): FindingReport => ({
  mode: 'fuzz',
  caseId: 'url/round trip',
  signature,
  kind: 'property-failed',
  title: 'TypeError: bad input',
  evidence: 'counterexample: ["%"]',
  detail: { seed: 42 },
  repro: 'perflab fuzz --replay <id>',
  ...over,
});
const seen = (runId: string, commit: string | null = 'c1'): Sighting => ({ runId, commit, at: `2026-11-21T10:00:0${runId.length % 10}.000Z` });

describe.each(storeKinds)('findings ($name)', (kind) => {
  it('a new signature becomes a finding; the same signature again counts a sighting and keeps the id', async () => {
    const place = await kind.place();
    const store = await place.open();
    const first = await store.recordFinding(report('sig-a'), seen('r1'));
    const again = await store.recordFinding(report('sig-a', { title: 'changed title' }), seen('r2', 'c2'));
    const other = await store.recordFinding(report('sig-b'), seen('r2', 'c2'));

    expect(first.outcome).toBe('new');
    expect(again).toMatchObject({ outcome: 'seen', finding: { id: first.finding.id, count: 2, lastSeen: { runId: 'r2', commit: 'c2' }, firstSeen: { runId: 'r1' } } });
    expect(other.outcome).toBe('new');
    expect(other.finding.id).not.toBe(first.finding.id);
    await store.close();

    const reopened = await place.open();
    expect((await reopened.listFindings()).map((f) => [f.signature, f.count])).toEqual([['sig-a', 2], ['sig-b', 1]]);
    await reopened.close();
  });

  it('the same signature in another mode is another finding', async () => {
    const store = await openFresh(kind);
    await store.recordFinding(report('same'), seen('r1'));
    const stress = await store.recordFinding(report('same', { mode: 'stress' }), seen('r1'));
    expect(stress.outcome).toBe('new');
    expect((await store.listFindings({ mode: 'stress' }))).toHaveLength(1);
    await store.close();
  });

  it('moves between states atomically, and a fixed finding seen again is regressed', async () => {
    const store = await openFresh(kind);
    const { finding } = await store.recordFinding(report('sig'), seen('r1'));

    expect(await store.transitionFinding(finding.id, ['new'], 'known', 'slack:U0ALICE')).toMatchObject({ ok: true, finding: { state: 'known', stateBy: 'slack:U0ALICE' } });
    expect(await store.transitionFinding(finding.id, ['new'], 'known', 'slack:U0BOB')).toMatchObject({ ok: false, reason: 'wrong-state', finding: { stateBy: 'slack:U0ALICE' } });
    expect(await store.transitionFinding('f-missing', ['new'], 'known', 'x')).toEqual({ ok: false, reason: 'not-found' });

    const fixedIn = seen('r3', 'c3');
    await store.transitionFinding(finding.id, ['new', 'known'], 'fixed', 'perflab', { fixedIn });
    expect((await store.listFindings({ state: 'fixed' }))).toHaveLength(1);

    const back = await store.recordFinding(report('sig'), seen('r4', 'c4'));
    expect(back).toMatchObject({ outcome: 'regressed', finding: { state: 'regressed', count: 2, fixedIn: { commit: 'c3' } } });
    await store.close();
  });

  it('counts clean runs: fixed after the given number in a row, and a sighting starts the count again', async () => {
    const store = await openFresh(kind);
    const { finding } = await store.recordFinding(report('sig', { mode: 'stress' }), seen('r1'));
    await store.countCleanRun(finding.id, seen('r2'), 3);
    await store.countCleanRun(finding.id, seen('r3'), 3);
    await store.recordFinding(report('sig', { mode: 'stress' }), seen('r4'));
    expect((await store.getFinding(finding.id))).toMatchObject({ state: 'new', count: 2 });
    expect((await store.getFinding(finding.id))?.cleanRuns).toBeUndefined();
    for (const run of ['r5', 'r6']) expect((await store.countCleanRun(finding.id, seen(run), 3))?.state).toBe('new');
    expect(await store.countCleanRun(finding.id, seen('r7'), 3)).toMatchObject({ state: 'fixed', stateBy: 'perflab', fixedIn: { runId: 'r7' }, cleanRuns: 3 });
    expect(await store.countCleanRun('f-missing', seen('r8'), 3)).toBeUndefined();
    await store.close();
  });

  it('marks a finding flaky', async () => {
    const store = await openFresh(kind);
    const { finding } = await store.recordFinding(report('sig'), seen('r1'));
    expect((await store.setFindingFlaky(finding.id, true))?.flaky).toBe(true);
    expect(await store.setFindingFlaky('f-missing', true)).toBeUndefined();
    await store.close();
  });

  it('lists findings by state, mode and case, in discovery order', async () => {
    const store = await openFresh(kind);
    const a = await store.recordFinding(report('a'), seen('r1'));
    await store.recordFinding(report('b', { caseId: 'url/parse' }), seen('r1'));
    await store.recordFinding(report('c', { mode: 'stress', caseId: 'url/parse' }), seen('r1'));
    await store.transitionFinding(a.finding.id, ['new'], 'known', 'slack:U1');

    expect((await store.listFindings()).map((f) => f.signature)).toEqual(['a', 'b', 'c']);
    expect((await store.listFindings({ state: 'new' })).map((f) => f.signature)).toEqual(['b', 'c']);
    expect((await store.listFindings({ caseId: 'url/parse', mode: 'fuzz' })).map((f) => f.signature)).toEqual(['b']);
    await store.close();
  });

  it('sightings of one signature recorded at once count on one finding', async () => {
    const store = await openFresh(kind);

    const outcomes = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((run) => store.recordFinding(report('same'), seen(run))));

    expect(outcomes.filter((o) => o.outcome === 'new')).toHaveLength(1);
    expect(await store.listFindings()).toMatchObject([{ signature: 'same', count: 5 }]);
    await store.close();
  });

  it('a finding reads back whole after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    const { finding } = await store.recordFinding(report('sig'), seen('r1'));
    await store.countCleanRun(finding.id, seen('r2'), 3);
    const fixedIn = seen('r3', 'c3');
    const { finding: fixed } = (await store.transitionFinding(finding.id, ['new'], 'fixed', 'slack:U1', { fixedIn, flaky: true })) as { finding: typeof finding };
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getFinding(finding.id)).toEqual(fixed);
    expect(fixed).toMatchObject({ state: 'fixed', fixedIn, flaky: true, cleanRuns: 1, repro: 'perflab fuzz --replay <id>', detail: { seed: 42 } });
    await reopened.close();
  });
});
