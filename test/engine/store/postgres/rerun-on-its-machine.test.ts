// An alert's re-run measures again where the alert was measured: baselines
// are per machine. Through the shared queue (a real PostgreSQL), the job is
// for that machine only: an agent of another machine does not get it.
import { describe, expect, it, onTestFinished } from 'vitest';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import { sharedQueueOf } from '../../../../src/engine/store/postgres/shared-queue-of.js';
import { Lab } from '../../../../src/lab/lab.js';
import { until } from '../../../helpers/until.js';
import { freshSchemaUrl } from '../helpers/pg-database.js';
import { makeAlert, makeRun, tempDir } from '../helpers/store-fixtures.js';

describe("an alert's re-run through the shared queue", () => {
  it('is a job for the machine that measured the alert, which an agent of another machine does not claim', async () => {
    const url = await freshSchemaUrl();
    const dir = await tempDir();
    const store = await openPgStore(url, { dir });
    onTestFinished(() => store.close());
    await store.beginRun(makeRun({ id: 'run-b', machine: 'box-b' }));
    await store.addAlert(makeAlert({ id: 'alert-b', runId: 'run-b' }));
    const queue = sharedQueueOf(store, { machine: 'bot-box', take: 'none', role: 'serve', pollMs: 50 });
    if (!queue) throw new Error('a PostgreSQL store has a shared queue');
    const lab = new Lab({ store, machine: 'bot-box', suitesDir: dir, queue, canary: false });
    await lab.start();
    onTestFinished(() => lab.close());

    const job = await lab.rerunAlert('alert-b', 'slack:U1');

    expect(job?.kind).toBe('run');
    const elsewhere = store.jobQueue({ agent: 'agent-a', machine: 'box-a', kinds: ['run'], leaseMs: 30_000 });
    const there = store.jobQueue({ agent: 'agent-b', machine: 'box-b', kinds: ['run'], leaseMs: 30_000 });
    await until(async () => (await store.listAudit({ limit: 20 })).some((e) => e.action === 'job.submit'), 10_000, 'the job to be submitted');
    expect(await elsewhere.claim()).toBeUndefined();
    const claimed = await until(() => there.claim(), 10_000, 'the job to be in the queue');
    expect(claimed).toMatchObject({ kind: 'run', request: { caseIds: ['parse/json'] } });
  });
});
