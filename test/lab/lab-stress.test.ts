import { beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Notifier, PostedMessage } from '../../src/engine/alert/notifier.js';
import type { Alert } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import { Lab, type JobEvent } from '../../src/lab/lab.js';
import { useTempStore } from '../helpers/temp-store.js';

const SUITES = fileURLToPath(new URL('../fixtures/stress/', import.meta.url));

class RecordingNotifier implements Notifier {
  posted: Alert[] = [];
  async post(alert: Alert): Promise<PostedMessage> {
    this.posted.push(alert);
    return { channel: 'C1', ts: `${this.posted.length}.000100` };
  }
  async update(): Promise<void> {}
}

const temp = useTempStore('perflab-lab-stress-');
let store: Store;

beforeEach(() => {
  store = temp.store;
});

describe('Lab.runStress', () => {
  it('runs stress as a job, streams progress, and posts the finding alert through the outbox', async () => {
    const notifier = new RecordingNotifier();
    const lab = new Lab({ store, machine: 'm', suitesDir: SUITES, notifier });
    await lab.start();
    const events: JobEvent[] = [];
    const job = lab.submit('stress', { pattern: 'fixture/slow http', durationMs: 1200 }, { kind: 'command', by: 'U1' }, (e) => events.push(e));
    expect(job.kind).toBe('stress');
    expect(job.description).toBe('stress fixture/slow http');
    await lab.idle();
    await lab.close();

    expect(lab.job(job.id)?.state).toBe('done');
    expect(events.some((e) => e.type === 'stress-progress' && e.progress.type === 'live')).toBe(true);
    const finished = events.find((e) => e.type === 'stress-finished');
    expect(finished?.type === 'stress-finished' && finished.report.entries[0]?.verdict).toBe('threshold-failed');
    expect(notifier.posted.map((a) => a.kind)).toEqual(['finding']);
    expect((await store.listAudit({ limit: 1 }))[0]).toMatchObject({ actor: 'U1', action: 'stress' });
  });
});
