// Schedules with real node-cron tasks (a per-second expression keeps the test
// short) and a real store: add, list, remove, bad input, overlapping runs
// skipped and recorded, and survival across a restart.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/engine/store/store.js';
import { Lab } from '../../src/lab/lab.js';
import { Scheduler, type FireOutcome } from '../../src/triggers/scheduler.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore('perflab-scheduler-');
let dir: string;
let store: Store;

beforeEach(() => {
  ({ dir, store } = temp);
});

// Jobs are queued but never started (lab.start() is not called), so nothing is measured.
const idleLab = (): Lab => new Lab({ store, machine: 'm', suitesDir: dir });

describe('Scheduler', () => {
  it('adds, lists with the next run time, and removes a schedule, auditing who did it', async () => {
    const scheduler = new Scheduler(idleLab(), { timezone: 'Europe/Paris' });
    await scheduler.start();
    const added = await scheduler.add({ cron: '0 3 * * *', pattern: 'json', mode: 'bench' }, 'slack:U0ALICE');
    expect(added).toMatchObject({ cron: '0 3 * * *', timezone: 'Europe/Paris', pattern: 'json', mode: 'bench', createdBy: 'slack:U0ALICE', source: 'store' });

    const [listed] = await scheduler.list();
    expect(listed?.schedule.id).toBe(added.id);
    // 03:00 in Paris is 01:00 or 02:00 UTC, depending on summer time.
    expect([1, 2]).toContain(listed?.nextRun?.getUTCHours());

    expect(await scheduler.remove(added.id, 'slack:U0ALICE')).toMatchObject({ ok: true });
    expect(await scheduler.list()).toEqual([]);
    expect(await scheduler.remove(added.id, 'slack:U0ALICE')).toEqual({ ok: false, reason: `there is no schedule ${added.id}` });
    expect((await store.listAudit()).map((e) => e.action)).toEqual(['schedule.remove', 'schedule.add']);
    await scheduler.stop();
  });

  it('refuses an invalid cron expression or time zone with a clear reason, and stores nothing', async () => {
    const scheduler = new Scheduler(idleLab());
    await expect(scheduler.add({ cron: '0 3 * *', pattern: 'all', mode: 'bench' }, 'x')).rejects.toThrow(/has 4 fields; a cron expression has 5/);
    await expect(scheduler.add({ cron: '61 * * * *', pattern: 'all', mode: 'bench' }, 'x')).rejects.toThrow(/minute: 61 is an invalid expression/);
    await expect(scheduler.add({ cron: '0 3 * * *', pattern: 'all', mode: 'bench', timezone: 'Mars/Olympus' }, 'x')).rejects.toThrow(/not a time zone/);
    expect(() => new Scheduler(idleLab(), { timezone: 'Nowhere' })).toThrow(/timezone: "Nowhere" is not a time zone/);
    expect((await store.listSchedules())).toEqual([]);
  });

  it('fires on time, only queues a job, and skips (and records) a run while the previous one still waits', async () => {
    const fired: FireOutcome[] = [];
    const lab = idleLab();
    const scheduler = new Scheduler(lab, { onFire: (_s, outcome) => fired.push(outcome) });
    await scheduler.start();
    const schedule = await scheduler.add({ cron: '* * * * * *', pattern: 'json', mode: 'bench' }, 'cli:ada'); // every second
    const deadline = Date.now() + 10_000;
    while (fired.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();

    expect(fired[0]).toMatchObject({ queued: true });
    expect(fired[1]).toMatchObject({ queued: false, reason: expect.stringMatching(/still queued/) });
    const job = lab.job(fired[0]?.queued ? fired[0].jobId : '');
    expect(job).toMatchObject({ kind: 'run', trigger: { kind: 'schedule', by: `schedule:${schedule.id}` }, request: { pattern: 'json' } });
    expect((await store.listAudit()).some((e) => e.action === 'schedule.skipped')).toBe(true);
  });

  it('keeps schedules across a restart; config schedules are re-read and cannot be removed from chat', async () => {
    const configured = [{ id: 'nightly', cron: '0 2 * * *', pattern: 'all', mode: 'bench' as const }];
    const first = new Scheduler(idleLab(), { configured });
    await first.start();
    const added = await first.add({ cron: '*/15 * * * *', pattern: 'tls', mode: 'bench' }, 'slack:U0ALICE');
    await first.stop();

    store = await temp.reopen();
    const second = new Scheduler(idleLab(), { configured: [] }); // the config entry was deleted
    await second.start();
    expect((await second.list()).map((s) => s.schedule.id)).toEqual([added.id]);
    expect((await second.list())[0]?.nextRun).toBeInstanceOf(Date);
    await second.stop();

    const third = new Scheduler(idleLab(), { configured });
    await third.start();
    expect(await third.remove('config-nightly', 'slack:U0ALICE')).toEqual({ ok: false, reason: 'schedule config-nightly comes from perflab.config.json; change it there' });
    await third.stop();
  });
});
