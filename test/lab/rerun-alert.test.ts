// An alert's re-run with a queue of this process only: it runs here, so an
// alert measured on another machine is refused (baselines are per machine).
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../src/engine/store/open-store.js';
import { Lab } from '../../src/lab/lab.js';
import { makeAlert, makeRun, tempDir } from '../engine/store/helpers/store-fixtures.js';

async function labOn(machine: string): Promise<Lab> {
  const dir = await tempDir();
  const store = await openStore(dir);
  await store.beginRun(makeRun({ id: 'run-b', machine: 'box-b' }));
  await store.addAlert(makeAlert({ id: 'alert-b', runId: 'run-b' }));
  const lab = new Lab({ store, machine, suitesDir: dir, canary: false });
  onTestFinished(async () => {
    await lab.close();
    await store.close();
  });
  return lab;
}

describe('re-running an alert without a shared queue', () => {
  it('refuses an alert measured on another machine, naming both, and queues nothing', async () => {
    const lab = await labOn('box-a');

    await expect(lab.rerunAlert('alert-b', 'slack:U1')).rejects.toThrow('alert alert-b was measured on box-b, and this perflab measures on box-a');
    expect(lab.jobs()).toEqual([]);
  });

  it('queues the re-run on the machine that measured it', async () => {
    const lab = await labOn('box-b');

    const job = await lab.rerunAlert('alert-b', 'slack:U1');

    expect(job).toMatchObject({ kind: 'run', request: { caseIds: ['parse/json'] } });
    lab.cancel(job?.id ?? '', 'slack:U1');
  });
});
