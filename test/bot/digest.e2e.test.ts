// The scheduled digest end to end: a schedule added from Slack fires, the
// `digest` job posts the week's movers to the alerts channel with their chart
// in its thread — once, whether the tick fires again or perflab restarts
// with the job cut off — on a real store and the real Bolt client against
// the local workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../../src/bot/create-bot.js';
import { LOCAL_ADMINS, startLocalBot, type LocalBot } from '../../src/bot/start-local-bot.js';
import type { Job, Schedule } from '../../src/engine/model.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import type { LocalWorkspace, Message } from '../../src/local-workspace/index.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';
import { until } from '../helpers/until.js';

const ALICE = 'U0ALICE'; // an admin of the local workspace
const HOUR = 3_600_000;
const MACHINE = 'digest-test';

let local: LocalBot;
let ws: LocalWorkspace;
let bot: Bot;
let store: Store;
let storeDir: string;
/** The tick the digest is for: this week's Monday 09:00 in the test's world. */
const tick = new Date(Math.floor(Date.now() / HOUR) * HOUR);

beforeAll(async () => {
  storeDir = mkdtempSync(join(tmpdir(), 'perflab-digest-'));
  store = await openStore(storeDir);
  // 40 days of runs every 8 hours: `json/parse` 20% slower for the last 3 days, `csv/parse` flat; no two runs in five alike (ties blunt the test).
  const times = Array.from({ length: 120 }, (_, i) => tick.getTime() - (120 - i) * 8 * HOUR);
  const stepAt = tick.getTime() - 3 * 24 * HOUR;
  const runs = await seedRuns(store, {
    machine: MACHINE,
    times,
    cases: { 'json/parse': (i) => ((times[i] ?? 0) > stepAt ? 1200 : 1000) * (1 + 0.002 * (i % 5)), 'csv/parse': (i) => 500 * (1 + 0.002 * (i % 5)) },
  });
  await seedBaselines(store, runs[0]!, ['json/parse', 'csv/parse']);
  local = await startLocalBot({ store, machine: MACHINE, suitesDir: join(storeDir, 'no-suites'), repo: null });
  ({ workspace: ws, bot } = local);
});

afterAll(async () => {
  await bot.stop();
  await ws.stop();
  await store.close();
  rmSync(storeDir, { recursive: true, force: true });
});

const text = (m: Message | undefined): string => JSON.stringify(m ?? {});
const digests = (): Message[] => ws.messages().filter((m) => text(m).includes('perflab digest'));

async function finished(jobId: string, lab = bot.lab): Promise<Job> {
  return until(async () => {
    const job = lab.job(jobId);
    return job && !['queued', 'running'].includes(job.state) ? job : undefined;
  }, 30_000);
}

describe('the scheduled digest', () => {
  let schedule: Schedule;

  it('is added from Slack as `schedule add "0 9 * * 1" all digest`', async () => {
    const before = ws.ephemerals(ALICE).length;
    await ws.slashCommand(ALICE, 'schedule add "0 9 * * 1" all digest');
    await ws.waitFor(() => ws.ephemerals(ALICE).length > before);
    [schedule] = (await store.listSchedules()) as [Schedule];
    expect(schedule).toMatchObject({ cron: '0 9 * * 1', pattern: 'all', mode: 'digest', createdBy: `slack:${ALICE}` });
  });

  it("posts the week's movers to the alerts channel, with their chart in the thread", async () => {
    const fired = bot.scheduler.fire(schedule, tick);

    expect(fired.queued).toBe(true);
    const posted = await ws.waitFor(() => digests()[0], 30_000);
    expect(posted.channel ?? ws.channel).toBe(ws.channel);
    expect(text(posted)).toContain('json/parse');
    expect(text(posted)).not.toContain('csv/parse');
    expect(text(posted)).toMatch(/1 regressed against a week, month, year ago, of 2 cases/);
    const chart = await ws.waitFor(() => ws.messages().find((m) => m.ts === posted.ts)?.replies.find((r) => r.files?.length), 30_000);
    expect(chart.files?.[0]).toMatchObject({ mimetype: 'image/png', title: `Biggest movers, week to ${tick.toISOString().slice(0, 10)}` });
    const png = Buffer.from(await (await fetch(chart.files?.[0]?.url_private ?? '')).arrayBuffer());
    expect(png.readUInt32BE(16)).toBe(900); // IHDR width
    expect((await store.listAudit()).filter((e) => e.action === 'digest.posted')).toHaveLength(1);
  });

  it('posts nothing more when the same tick fires again', async () => {
    await until(async () => bot.lab.jobs().every((j) => j.state !== 'running' && j.state !== 'queued'), 30_000);
    const again = bot.scheduler.fire(schedule, tick);

    if (!again.queued) throw new Error(`not queued: ${again.reason}`);
    expect((await finished(again.jobId)).state).toBe('done');
    expect(digests()).toHaveLength(1);
  });

  it('posts nothing more after a restart that finds the digest job cut off, nor when the tick fires once more', async () => {
    await bot.stop();
    // What a process killed right after posting leaves: its digest job still running in the store.
    const cut: Job = {
      id: 'j-digest-cut',
      kind: 'digest',
      description: 'digest all',
      trigger: { kind: 'schedule', by: `schedule:${schedule.id}` },
      request: { at: tick.toISOString() },
      priority: 0,
      dedupeKey: 'cut',
      state: 'running',
      createdAt: tick.toISOString(),
      startedAt: tick.toISOString(),
      restarts: 0,
    };
    await store.putJob(cut, 200);
    bot = await createBot({
      store,
      machine: MACHINE,
      suitesDir: join(storeDir, 'no-suites'),
      repo: null,
      connection: { mode: 'socket', botToken: ws.botToken, appToken: ws.appToken, apiUrl: ws.apiUrl },
      channel: ws.channel,
      admins: LOCAL_ADMINS,
    });
    await bot.start();

    const requeued = await until(async () => bot.lab.jobs().find((j) => j.kind === 'digest' && j.restarts === 1), 10_000);
    expect((await finished(requeued.id)).state).toBe('done');
    const catchUp = bot.scheduler.fire(schedule, tick);
    if (!catchUp.queued) throw new Error(`not queued: ${catchUp.reason}`);
    expect((await finished(catchUp.jobId)).state).toBe('done');
    expect(digests()).toHaveLength(1);
    expect((await store.listAudit()).filter((e) => e.action === 'digest.posted')).toHaveLength(1);
  });

  it("posts next week's tick: a new digest is a new post", async () => {
    const nextWeek = new Date(tick.getTime() + 7 * 24 * HOUR);

    bot.scheduler.fire(schedule, nextWeek);

    const second = await ws.waitFor(() => digests()[1], 30_000);
    expect(text(second)).toContain(`week to ${nextWeek.toISOString().slice(0, 10)}`);
  });
});
