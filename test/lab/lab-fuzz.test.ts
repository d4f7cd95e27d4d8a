// Lab.runFuzz: a fuzz run as a queued job, its events, and its finding alert
// posted through the outbox — with a real pool, store and fixture suites.
import { describe, expect, it } from 'vitest';
import type { Notifier, PostedMessage } from '../../src/engine/alert/notifier.js';
import type { Alert } from '../../src/engine/model.js';
import { Lab, type JobEvent } from '../../src/lab/lab.js';
import { fixtureSuites, tempStore } from '../modes/fuzz/helpers.js';

describe('Lab.runFuzz', () => {
  it('fuzzes as a job, reports progress and the report, and posts one finding alert with the chart of findings per run', async () => {
    const store = await tempStore();
    const posted: Alert[] = [];
    const charts: string[] = [];
    const notifier: Notifier = {
      post: async (alert): Promise<PostedMessage> => {
        posted.push(alert);
        return { channel: 'C1', ts: '1.000100' };
      },
      update: async () => undefined,
      attachChart: async (_alert, _message, _png, title) => void charts.push(title),
    };
    const lab = new Lab({ store, machine: 'm', suitesDir: fixtureSuites('buggy'), notifier });
    await lab.start();
    const events: JobEvent[] = [];

    const job = lab.submit('fuzz', { budgetMs: 500, workers: 1 }, { kind: 'command', by: 'U1' }, (e) => events.push(e));
    await lab.idle();
    await expect.poll(() => posted.length).toBe(1);
    await expect.poll(() => charts).toEqual(['toggle/halve: findings per run']);
    const history = await lab.fuzzHistory('toggle/halve');
    const svg = await lab.caseChart('toggle/halve', { format: 'svg' });
    await lab.close();

    expect(job).toMatchObject({ kind: 'fuzz', description: 'fuzz all', state: 'done' });
    expect(events.map((e) => e.type)).toEqual(['started', 'fuzz-progress', 'fuzz-progress', 'fuzz-progress', 'fuzz-progress', 'fuzz-finished']);
    const finished = events.at(-1);
    expect(finished?.type === 'fuzz-finished' && finished.report.cases).toMatchObject([{ caseId: 'toggle/halve', state: 'failed' }]);
    expect(posted[0]).toMatchObject({ kind: 'finding', caseIds: ['toggle/halve'] });
    expect((await store.listAudit({ limit: 1 }))[0]).toMatchObject({ actor: 'U1', action: 'fuzz' });
    expect(history?.runs).toMatchObject([{ commit: expect.anything() as unknown, new: 1, fixed: 0, regressed: 0 }]);
    expect(svg).toContain('toggle/halve: fuzz findings per run');
    expect(svg).toContain('1 new · 0 regressed · 0 fixed in all');
  });
});
