import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NotifyError, type Notifier, type PostedMessage } from '../../src/engine/alert/notifier.js';
import { Outbox } from '../../src/engine/alert/outbox.js';
import type { Alert, Result } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import { Lab, type JobEvent } from '../../src/lab/lab.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { useTempStore } from '../helpers/temp-store.js';

/** Records what would have been posted to Slack; can be told to fail. */
class RecordingNotifier implements Notifier {
  posted: Alert[] = [];
  updated: Alert[] = [];
  failures: Error[] = [];
  async post(alert: Alert): Promise<PostedMessage> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posted.push(alert);
    return { channel: 'C1', ts: `${this.posted.length}.000100` };
  }
  async update(alert: Alert): Promise<void> {
    this.updated.push(alert);
  }
}

const temp = useTempStore('perflab-lab-');
let repo: TempRepo;
let store: Store;

beforeEach(() => {
  repo = tempRepo();
  store = temp.store;
});

afterEach(() => {
  repo.remove();
});

/** A stored run with one result for `caseId` and an open regression alert about it. */
async function seedRegression(caseId = 'spin/work', median = 2_000_000): Promise<Alert> {
  const run = { id: 'r-slow', mode: 'bench' as const, commit: 'abc', dirty: false, machine: 'm', trigger: { kind: 'cli' as const, by: 'cli:test' }, startedAt: new Date().toISOString(), finishedAt: null, environment: 'ok' as const };
  await store.beginRun(run);
  const [suite = '', name = ''] = caseId.split('/');
  const result: Result = { caseId, suite, name, mode: 'bench', state: 'ok', kind: 'function', batch: 1, samples: '', summary: { n: 10, unit: 'ns', direction: 'lower', median, mad: 1, mean: median, cv: 0.01, min: median, max: median, p50: median, p90: median, p99: median } };
  await store.recordResults(run.id, [{ runId: run.id, commit: 'abc', machine: 'm', recordedAt: new Date().toISOString(), result, comparison: { caseId, verdict: 'regressed', reason: 'slower', change: { ratio: 1.3, ciLow: 1.2, ciHigh: 1.4, pValue: 0.001, method: 'interleaved', runs: 10 } }, inWindow: false }]);
  const alert: Alert = { id: 'a-1', runId: run.id, commit: 'abc', kind: 'regression', caseIds: [caseId], state: 'open', createdAt: new Date().toISOString() };
  await store.addAlert(alert);
  return alert;
}

describe('Lab', () => {
  it('runs suites as a job and reports progress, then the report', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'suites'), overrides: { timeBudgetMs: 50, minSamples: 5, warmupMs: 5 } });
    await lab.start();
    const events: JobEvent['type'][] = [];

    const job = lab.submit('run', { pattern: 'spin' }, { kind: 'command', by: 'slack:U1' }, (e) => events.push(e.type));
    await lab.idle();

    expect(lab.job(job.id)?.state).toBe('done');
    expect(events[0]).toBe('started');
    expect(events).toContain('progress');
    expect(events.at(-1)).toBe('run-finished');
    expect((await store.listAudit())[0]).toMatchObject({ actor: 'slack:U1', action: 'run', args: { selection: 'spin', via: 'command' } });
  });

  it('a request that joins a job after its last event still gets that event', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'suites'), overrides: { timeBudgetMs: 50, minSamples: 5, warmupMs: 5 } });
    await lab.start();
    const trigger = { kind: 'command' as const, by: 'slack:U1' };

    // The same request again the moment the first one's answer is out, while the queue may still count it as running.
    const first = await lab.run('run', { pattern: 'spin' }, trigger);
    const again = await Promise.race([lab.run('run', { pattern: 'spin' }, trigger), new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))]);
    await lab.idle();

    expect(first.type).toBe('run-finished');
    expect(again?.type).toBe('run-finished');
  });

  it('runs the suites as they were at a ref', async () => {
    repo.write('suites/old.ts', spinSuite(1, 'old'));
    repo.commit('old suite');
    repo.git('rm', '-q', 'suites/old.ts');
    repo.write('suites/new.ts', spinSuite(1, 'new'));
    repo.commit('new suite');
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'suites'), overrides: { timeBudgetMs: 50, minSamples: 5, warmupMs: 5 } });
    await lab.start();
    let caseIds: string[] = [];

    lab.submit('run', { ref: 'HEAD~1' }, { kind: 'command', by: 'slack:U1' }, (e) => {
      if (e.type === 'run-finished') caseIds = e.report.entries.map((x) => x.caseId);
    });
    await lab.idle();

    expect(caseIds).toEqual(['old/work']);
  });

  it('accepting an alert makes its results the baseline, once; a second accept changes nothing', async () => {
    const alert = await seedRegression();
    const lab = new Lab({ store, machine: 'm', suitesDir: repo.dir });
    await lab.start();

    const first = await lab.acceptAlert(alert.id, 'slack:U1', 'intended: new algorithm');
    const second = await lab.acceptAlert(alert.id, 'slack:U2');

    expect(first).toMatchObject({ ok: true, alert: { state: 'accepted', stateBy: 'slack:U1' } });
    expect(second).toMatchObject({ ok: false, reason: 'wrong-state', alert: { state: 'accepted', stateBy: 'slack:U1' } });
    expect((await store.getBaseline('spin/work', 'm'))).toMatchObject({ runId: 'r-slow', median: 2_000_000, acceptedBy: 'slack:U1', reason: 'intended: new algorithm' });
    expect((await store.baselineHistory('spin/work', 'm'))).toHaveLength(1);
    expect((await store.listAudit()).map((e) => e.action)).toContain('alert.accept');
  });

  it('investigating records the note and the assignee, and dismissing ends it', async () => {
    const alert = await seedRegression();
    const lab = new Lab({ store, machine: 'm', suitesDir: repo.dir });
    await lab.start();

    await lab.investigateAlert(alert.id, 'slack:U1', 'allocations in the hot loop?', 'U2');
    expect((await store.getAlert(alert.id))).toMatchObject({ state: 'investigating', investigation: { note: 'allocations in the hot loop?', assignee: 'U2' } });
    expect(await lab.dismissAlert(alert.id, 'slack:U2')).toMatchObject({ ok: true, alert: { state: 'dismissed' } });
    expect((await store.getBaseline('spin/work', 'm'))).toBeUndefined();
  });

  it('cancelling a running job reports it cancelled, not finished', async () => {
    repo.write('suites/spin.ts', spinSuite(1));
    repo.commit('spin');
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'suites'), overrides: { timeBudgetMs: 20_000, minSamples: 5, warmupMs: 5 } });
    await lab.start();
    const events: JobEvent[] = [];
    const job = lab.submit('run', {}, { kind: 'command', by: 'slack:U1' }, (e) => {
      events.push(e);
      if (e.type === 'progress' && e.progress.type === 'case-start') lab.cancel(job.id, 'slack:U2');
    });

    await lab.idle();

    expect(lab.job(job.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'slack:U2' });
    expect(events.map((e) => e.type)).not.toContain('run-finished');
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', by: 'slack:U2' });
  });

  it('cancels a queued job before it starts', async () => {
    const lab = new Lab({ store, machine: 'm', suitesDir: join(repo.dir, 'nowhere') });
    await lab.start();
    const first = lab.submit('run', {}, { kind: 'command', by: 'slack:U1' });
    const second = lab.submit('run', { pattern: 'other' }, { kind: 'command', by: 'slack:U1' });

    expect(lab.cancel(second.id, 'slack:U1')).toMatchObject({ ok: true });
    await lab.idle();

    expect(lab.job(first.id)?.state).toBe('failed'); // no such suites directory
    expect(lab.job(second.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'slack:U1' });
    expect(lab.cancel(second.id, 'slack:U1')).toMatchObject({ ok: false, reason: 'finished' });
    expect(lab.cancel('j-nope', 'slack:U1')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('Outbox', () => {
  it('retries a failed post after Retry-After and posts it once', async () => {
    const alert = await seedRegression();
    const notifier = new RecordingNotifier();
    notifier.failures.push(new NotifyError('rate limited', { retryAfterMs: 30 }));
    const outbox = new Outbox(store, notifier);

    await outbox.deliver(alert.id);
    expect((await store.getAlert(alert.id))?.delivery).toMatchObject({ state: 'pending', attempts: 1, lastError: 'rate limited' });
    await expect.poll(async () => (await store.getAlert(alert.id))?.delivery?.state, { timeout: 2_000 }).toBe('posted');
    await outbox.deliver(alert.id);

    expect(notifier.posted.map((a) => a.id)).toEqual([alert.id]);
    expect((await store.getAlert(alert.id))?.delivery).toMatchObject({ state: 'posted', attempts: 2, channel: 'C1', ts: '1.000100' });
    outbox.close();
  });

  it('after a restart posts what was pending and nothing that was posted', async () => {
    const alert = await seedRegression();
    await store.addAlert({ ...alert, id: 'a-posted', delivery: { state: 'posted', attempts: 1, channel: 'C1', ts: '9.000100' } });
    store = await temp.reopen();
    const notifier = new RecordingNotifier();

    await new Outbox(store, notifier).resume();

    expect(notifier.posted.map((a) => a.id)).toEqual(['a-1']);
  });

  it('gives up after the last attempt and says so in the store', async () => {
    const alert = await seedRegression();
    const notifier = new RecordingNotifier();
    notifier.failures.push(new Error('channel_not_found'), new Error('channel_not_found'));
    const outbox = new Outbox(store, notifier, { delaysMs: [10], maxAttempts: 2 });

    await outbox.deliver(alert.id);
    await expect.poll(async () => (await store.getAlert(alert.id))?.delivery?.state, { timeout: 2_000 }).toBe('failed');
    expect((await store.getAlert(alert.id))?.delivery).toMatchObject({ attempts: 2, lastError: 'channel_not_found' });
    outbox.close();
  });
});
