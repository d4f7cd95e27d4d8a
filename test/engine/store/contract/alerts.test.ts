import { describe, expect, it } from 'vitest';
import { makeAlert } from '../helpers/store-fixtures.js';
import { openFresh, storeKinds } from '../helpers/store-kinds.js';

describe.each(storeKinds)('alerts ($name)', (kind) => {
  it('an added alert reads back after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getAlert('alert-1'))).toEqual(makeAlert());
    await reopened.close();
  });

  it('adding an alert with an existing id fails and keeps the first', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert({ kind: 'regression' }));

    await expect(store.addAlert(makeAlert({ kind: 'improvement' }))).rejects.toThrow(/already exists/);
    expect((await store.getAlert('alert-1'))?.kind).toBe('regression');
    await store.close();
  });

  it('transitioning an open alert moves it and records who and when, across reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());

    const transition = await store.transitionAlert('alert-1', ['open'], 'accepted', 'slack:U1');
    await store.close();

    expect(transition).toMatchObject({ ok: true, alert: { state: 'accepted', stateBy: 'slack:U1' } });
    const reopened = await place.open();
    expect((await reopened.getAlert('alert-1'))).toMatchObject({ state: 'accepted', stateBy: 'slack:U1', stateAt: expect.any(String) as string });
    await reopened.close();
  });

  it('a second transition from open fails with wrong-state, shows who moved it, and changes nothing', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert());
    await store.transitionAlert('alert-1', ['open'], 'accepted', 'slack:U1');
    const before = (await store.getAlert('alert-1'));

    const second = await store.transitionAlert('alert-1', ['open'], 'dismissed', 'slack:U2');

    expect(second).toEqual({ ok: false, reason: 'wrong-state', alert: before });
    expect(second.ok === false && second.reason === 'wrong-state' && second.alert.stateBy).toBe('slack:U1');
    expect((await store.getAlert('alert-1'))).toEqual(before);
    await store.close();
  });

  it('of two concurrent transitions from open exactly one wins', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());

    const [a, b] = await Promise.all([
      store.transitionAlert('alert-1', ['open'], 'accepted', 'slack:U1'),
      store.transitionAlert('alert-1', ['open'], 'dismissed', 'slack:U2'),
    ]);

    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? a.alert : b.ok ? b.alert : undefined;
    const loser = a.ok ? b : a;
    expect(loser).toEqual({ ok: false, reason: 'wrong-state', alert: winner });
    await store.close();
    const reopened = await place.open();
    expect((await reopened.getAlert('alert-1'))).toEqual(winner);
    await reopened.close();
  });

  it('an alert may move along allowed states', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert());
    await store.transitionAlert('alert-1', ['open'], 'investigating', 'slack:U1');

    const fixed = await store.transitionAlert('alert-1', ['open', 'investigating'], 'fixed', 'slack:U2');

    expect(fixed).toMatchObject({ ok: true, alert: { state: 'fixed', stateBy: 'slack:U2' } });
    await store.close();
  });

  it('transitioning an unknown alert reports not-found', async () => {
    const store = await openFresh(kind);

    expect(await store.transitionAlert('nope', ['open'], 'accepted', 'slack:U1')).toEqual({ ok: false, reason: 'not-found' });
    await store.close();
  });

  it('listAlerts filters by state and keeps creation order', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert({ id: 'a1' }));
    await store.addAlert(makeAlert({ id: 'a2' }));
    await store.addAlert(makeAlert({ id: 'a3' }));
    await store.transitionAlert('a2', ['open'], 'dismissed', 'slack:U1');

    expect((await store.listAlerts()).map((alert) => alert.id)).toEqual(['a1', 'a2', 'a3']);
    expect((await store.listAlerts({ state: 'open' })).map((alert) => alert.id)).toEqual(['a1', 'a3']);
    await store.close();
  });

  it('an investigation note travels with the transition and survives reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());

    await store.transitionAlert('alert-1', ['open'], 'investigating', 'slack:U1', { investigation: { note: 'GC change?', assignee: 'U2' } });
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getAlert('alert-1'))).toMatchObject({ state: 'investigating', investigation: { note: 'GC change?', assignee: 'U2' } });
    await reopened.close();
  });

  it('delivery state is recorded without touching the alert state', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());

    await store.setAlertDelivery('alert-1', { state: 'posted', attempts: 2, channel: 'C1', ts: '1.000100' });
    expect(await store.setAlertDelivery('nope', { state: 'pending', attempts: 0 })).toBeUndefined();
    await store.close();

    const reopened = await place.open();
    expect((await reopened.getAlert('alert-1'))).toMatchObject({ state: 'open', delivery: { state: 'posted', attempts: 2, channel: 'C1', ts: '1.000100' } });
    await reopened.close();
  });

  it('of two claims to post an alert at once exactly one wins; a posted or given-up alert cannot be claimed', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert());
    await store.addAlert(makeAlert({ id: 'alert-2' }));
    await store.addAlert(makeAlert({ id: 'alert-3' }));

    const claims = await Promise.all([store.claimAlertDelivery('alert-1', 'bot', 60_000), store.claimAlertDelivery('alert-1', 'agent', 60_000)]);
    await store.setAlertDelivery('alert-2', { state: 'posted', attempts: 1, channel: 'C1', ts: '1.1' });
    await store.setAlertDelivery('alert-3', { state: 'failed', attempts: 20 });

    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims.find(Boolean);
    expect(winner?.delivery).toMatchObject({ state: 'posting', attempts: 0, claimedBy: expect.stringMatching(/^(bot|agent)$/) });
    expect(Date.parse(winner?.delivery?.claimedUntil ?? '') - Date.now()).toBeGreaterThan(50_000);
    expect(await store.claimAlertDelivery('alert-2', 'bot', 60_000)).toBeUndefined();
    expect(await store.claimAlertDelivery('alert-3', 'bot', 60_000)).toBeUndefined();
    expect(await store.claimAlertDelivery('nope', 'bot', 60_000)).toBeUndefined();
    expect((await store.getAlert('alert-1'))?.state).toBe('open');
    await store.close();
  });

  it('a claim to post whose holder died runs out and another may take it; a failed post is pending and claimable again', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert());
    await store.addAlert(makeAlert({ id: 'alert-2' }));

    expect(await store.claimAlertDelivery('alert-1', 'dead', 30)).toBeDefined();
    expect(await store.claimAlertDelivery('alert-1', 'bot', 60_000)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await store.claimAlertDelivery('alert-1', 'bot', 60_000))?.delivery).toMatchObject({ state: 'posting', claimedBy: 'bot' });

    await store.claimAlertDelivery('alert-2', 'bot', 60_000);
    await store.setAlertDelivery('alert-2', { state: 'pending', attempts: 1, lastError: 'rate limited' });
    expect((await store.claimAlertDelivery('alert-2', 'agent', 60_000))?.delivery).toMatchObject({ state: 'posting', attempts: 1, claimedBy: 'agent' });
    await store.close();
  });

  it('each claim to post counts itself, so a claimant can tell that an earlier one ended unrecorded', async () => {
    const store = await openFresh(kind);
    await store.addAlert(makeAlert());

    expect((await store.claimAlertDelivery('alert-1', 'dead', 30))?.delivery).toMatchObject({ attempts: 0, claims: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await store.claimAlertDelivery('alert-1', 'bot', 30))?.delivery).toMatchObject({ attempts: 0, claims: 2 });
    await store.setAlertDelivery('alert-1', { state: 'pending', attempts: 1, claims: 2, lastError: 'rate limited' });
    expect((await store.claimAlertDelivery('alert-1', 'agent', 60_000))?.delivery).toMatchObject({ state: 'posting', attempts: 1, claims: 3 });
    await store.close();
  });

  it('a culprit is recorded without touching the alert state; an unknown alert has none', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert());
    const culprit = { commit: 'bad1', author: 'Alice', subject: 'Use the slow path', steps: 4, skipped: ['x1'] };

    expect(await store.setAlertCulprit('alert-1', culprit)).toMatchObject({ state: 'open', culprit });
    expect(await store.setAlertCulprit('nope', culprit)).toBeUndefined();
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getAlert('alert-1')).toEqual(makeAlert({ culprit }));
    await reopened.close();
  });
  it('a drift alert keeps its drift, gets a culprit, and reads back whole after reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    const drift = {
      caseId: 'json/parse',
      from: { runId: 'r40', commit: 'a1b2c3d4', at: '2026-11-02T10:00:00.000Z' },
      to: { runId: 'r45', commit: 'd4e5f6a7', at: '2026-11-02T15:00:00.000Z' },
      commits: 5,
      meanBefore: 100,
      meanAfter: 105.8,
      unit: 'ns',
      ratio: 1.058,
      pValue: 2e-9,
      summary: '+5.8% between a1b2c3d and d4e5f6a, over 5 commits',
    };
    const alert = { id: 'drift-1', runId: 'r50', commit: 'd4e5f6a7', kind: 'drift' as const, caseIds: ['json/parse'], drift, state: 'open' as const, createdAt: '2026-11-03T00:00:00.000Z' };
    await store.addAlert(alert);
    const culprit = { commit: 'd4e5f6a7', author: 'Alice', subject: 'Slower path', steps: 3, skipped: [] };
    await store.setAlertCulprit('drift-1', culprit);
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getAlert('drift-1')).toEqual({ ...alert, culprit });
    await reopened.close();
  });

  it('an alert closed as fixed keeps where it was measured fixed, across reopening and in the archive', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.addAlert(makeAlert({ kind: 'regression' }));

    const moved = await store.transitionAlert('alert-1', ['open', 'investigating'], 'fixed', 'perflab', { fixedIn: { runId: 'r9', commit: 'f1xed' } });
    await store.close();

    expect(moved).toMatchObject({ ok: true, alert: { state: 'fixed', fixedIn: { runId: 'r9', commit: 'f1xed' } } });
    const reopened = await place.open();
    expect(await reopened.getAlert('alert-1')).toMatchObject({ state: 'fixed', stateBy: 'perflab', fixedIn: { runId: 'r9', commit: 'f1xed' } });
    expect((await reopened.listAlerts({ state: 'fixed' })).map((a) => a.id)).toEqual(['alert-1']);
    await reopened.close();
  });
  it('an alert raised already settled (a machine that changed) is listed, and its delivery recorded, across reopening', async () => {
    const place = await kind.place();
    const store = await place.open();
    const told = { id: 'machine-1', runId: 'r1', commit: null, kind: 'machine-changed' as const, caseIds: ['perflab/canary'], state: 'accepted' as const, stateBy: 'perflab', stateAt: '2026-11-03T00:00:00.000Z', createdAt: '2026-11-03T00:00:00.000Z' };
    await store.addAlert(told);

    await store.setAlertDelivery('machine-1', { state: 'posted', attempts: 1, channel: 'C1', ts: '1.2' });
    await store.close();

    const reopened = await place.open();
    expect(await reopened.getAlert('machine-1')).toEqual({ ...told, delivery: { state: 'posted', attempts: 1, channel: 'C1', ts: '1.2' } });
    expect((await reopened.listAlerts()).map((a) => a.id)).toContain('machine-1');
    await reopened.close();
  });
});
