// The real Bolt app against the local workspace, end to end: slash command →
// ack → run → alert → click Accept → baseline changed, message updated.
import { until } from '../helpers/until.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.js';
import type { LocalWorkspace, Message } from '../../src/local-workspace/index.js';
import type { LocalBot } from '../../src/bot/start-local-bot.js';
import { recordFindings } from '../../src/engine/alert/finding-alerts.js';
import type { Store } from '../../src/engine/store/store.js';
import { startBotOnSpinRepo } from '../helpers/bot-on-spin-repo.js';
import { spinSuite, type TempRepo } from '../helpers/temp-repo.js';

let local: LocalBot;
let ws: LocalWorkspace;
let bot: Bot;
let store: Store;
let repo: TempRepo;
let stop: () => Promise<void>;

const ALICE = 'U0ALICE'; // in S0MAINTAINERS: may accept
const BOB = 'U0BOB'; // may not

beforeAll(async () => {
  ({ local, store, repo, stop } = await startBotOnSpinRepo({ machine: 'bot-test' }));
  ({ workspace: ws, bot } = local);
});

afterAll(() => stop());

const text = (m: Message | undefined): string => JSON.stringify(m ?? {});
const lastEphemeral = (user: string): string => text(ws.ephemerals(user).at(-1));
const alertMessages = (): Message[] => ws.messages().filter((m) => text(m).includes('perflab.accept') || text(m).includes('Performance regression'));

describe('the Slack bot on the local workspace', () => {
  it('answers help privately, with the commands', async () => {
    await ws.slashCommand(ALICE, 'help');
    await ws.waitFor(() => ws.ephemerals(ALICE).length > 0);
    expect(lastEphemeral(ALICE)).toContain('/perflab run');
  });

  it('answers a malformed command privately with usage, never silence', async () => {
    const before = ws.ephemerals(BOB).length;
    await ws.slashCommand(BOB, 'frobnicate "unbalanced');
    await ws.waitFor(() => ws.ephemerals(BOB).length > before);
    expect(lastEphemeral(BOB)).toMatch(/usage|perflab/i);
    const garbage = ws.ephemerals(BOB).length;
    await ws.slashCommand(BOB, `history ${'x'.repeat(5000)}`);
    await ws.waitFor(() => ws.ephemerals(BOB).length > garbage);
  });

  it('runs suites from a command, updating one message and putting the results in its thread', async () => {
    await ws.slashCommand(ALICE, 'run spin');
    const done = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('spin') && /done|finished|no-baseline|No baseline/i.test(text(m)) && (m.replies?.length ?? 0) > 0), 60_000);
    expect(text(done.replies?.[0])).toContain('spin/work');
    expect((await store.getBaseline('spin/work', 'bot-test'))).toBeDefined();
  });

  it('posts a confirmed regression with buttons; a click by a non-admin is refused privately', async () => {
    repo.write('suites/spin.ts', spinSuite(3));
    repo.commit('three times the work');
    // The first post fails with 429: the outbox (and the client) must retry after Retry-After, and post once.
    ws.failNext('chat.postMessage', { status: 429, retryAfterSec: 1 });
    await ws.slashCommand(ALICE, 'run spin');
    const alert = await ws.waitFor(() => alertMessages()[0], 150_000);
    expect(text(alert)).toContain('spin/work');
    expect(alertMessages()).toHaveLength(1);

    await ws.clickButton(BOB, ws.channel, alert.ts, 'perflab.accept');
    await ws.waitFor(() => lastEphemeral(BOB).includes('admins'));
    expect((await store.listAlerts())[0]?.state).toBe('open');
  }, 180_000);

  it("puts the chart of the case's history in the alert's thread", async () => {
    const alert = alertMessages()[0] as Message;

    const chart = await ws.waitFor(() => ws.messages().find((m) => m.ts === alert.ts)?.replies.find((r) => r.files?.length), 30_000);

    expect(chart.files?.[0]).toMatchObject({ mimetype: 'image/png', title: 'spin/work: median per run' });
    const png = Buffer.from(await (await fetch(chart.files?.[0]?.url_private ?? '')).arrayBuffer());
    expect(png.readUInt32BE(16)).toBe(900); // IHDR width
  });

  it('answers /perflab history privately and posts its chart to the channel; /perflab report answers with the table', async () => {
    const before = ws.ephemerals(ALICE).length;

    await ws.slashCommand(ALICE, 'history spin/work');

    const chart = await ws.waitFor(() => ws.messages().find((m) => m.files?.some((f) => f.title === 'History of spin/work')), 30_000);
    expect(chart.text).toContain(`<@${ALICE}> asked for the history of`);
    expect(chart.files?.[0]?.mimetype).toBe('image/png');
    expect(ws.ephemerals(ALICE).slice(before).some((m) => text(m).includes('History of spin/work'))).toBe(true);

    const reports = ws.ephemerals(BOB).length;
    await ws.slashCommand(BOB, 'report week spin');
    await ws.waitFor(() => ws.ephemerals(BOB).length > reports);
    expect(lastEphemeral(BOB)).toContain('perflab report: latest vs week');
    expect(lastEphemeral(BOB)).toContain('spin/work');
  });

  it('tells the asker privately when the history chart cannot be posted', async () => {
    ws.failNext('files.completeUploadExternal', { slackError: 'not_in_channel' });
    const before = ws.ephemerals(BOB).length;

    await ws.slashCommand(BOB, 'history spin/work');

    await ws.waitFor(() => ws.ephemerals(BOB).slice(before).some((m) => text(m).includes('could not be posted here: not_in_channel')), 30_000);
  });

  it('Investigate opens a modal; submitting it marks the alert investigating and notes it in the thread', async () => {
    const alert = alertMessages()[0] as Message;

    await ws.clickButton(BOB, ws.channel, alert.ts, 'perflab.investigate');
    const view = await ws.waitFor(() => ws.openViews().find((v) => v.callback_id === 'perflab.investigate'));
    await ws.submitView(BOB, view.id, {
      'perflab.investigate.note': { note: 'looks like the loop bound tripled' },
      'perflab.investigate.assignee': { assignee: BOB },
    });

    await until(async () => (await store.listAlerts())[0]?.state === 'investigating');
    expect((await store.listAlerts())[0]?.investigation).toEqual({ note: 'looks like the loop bound tripled', assignee: BOB });
    const thread = await ws.waitFor(() => ws.messages().find((m) => m.ts === alert.ts)?.replies?.find((r) => r.text.includes('is investigating')));
    expect(thread.text).toContain('looks like the loop bound tripled');
    expect((await store.listAudit()).some((e) => e.action === 'alert.investigate' && e.actor === `slack:${BOB}`)).toBe(true);
  });

  it('accepts on a click by an admin: baseline moves, message loses its buttons; a double click changes nothing more', async () => {
    const alert = alertMessages()[0] as Message;
    const before = (await store.getBaseline('spin/work', 'bot-test'));
    const ephemerals = ws.ephemerals(ALICE).length;

    // Two clicks before the message loses its buttons: exactly one may act.
    await Promise.all([ws.clickButton(ALICE, ws.channel, alert.ts, 'perflab.accept'), ws.clickButton(ALICE, ws.channel, alert.ts, 'perflab.accept')]);
    await until(async () => (await store.getBaseline('spin/work', 'bot-test'))?.acceptedBy === `slack:${ALICE}`);
    await ws.waitFor(() => ws.ephemerals(ALICE).length > ephemerals);
    expect(lastEphemeral(ALICE)).toContain('Already accepted by <@U0ALICE>');
    expect((await store.baselineHistory('spin/work', 'bot-test')).filter((b) => b.acceptedBy === `slack:${ALICE}`)).toHaveLength(1);
    const updated = await ws.waitFor(() => ws.messages().find((m) => m.ts === alert.ts && !text(m).includes('perflab.accept')));

    expect(text(updated)).toMatch(/accepted/i);
    expect((await store.getBaseline('spin/work', 'bot-test'))?.runId).not.toBe(before?.runId);
    expect((await store.getBaseline('spin/work', 'bot-test'))?.acceptedBy).toBe(`slack:${ALICE}`);
    expect((await store.listAudit()).some((e) => e.action === 'alert.accept' && e.actor === `slack:${ALICE}`)).toBe(true);
  });

  it('rejects a forged button value and changes nothing', async () => {
    const forged = JSON.stringify({ alertId: (await store.listAlerts())[0]?.id, action: 'dismiss', v: 1, sig: 'not-a-signature' });
    const posted = await bot.app.client.chat.postMessage({
      channel: ws.channel,
      text: 'forged',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'perflab.dismiss', text: { type: 'plain_text', text: 'Dismiss' }, value: forged }] }],
    });
    const before = ws.ephemerals(ALICE).length;

    await ws.clickButton(ALICE, ws.channel, posted.ts as string, 'perflab.dismiss');
    await ws.waitFor(() => ws.ephemerals(ALICE).length > before);

    expect(lastEphemeral(ALICE)).toContain("isn't one perflab made");
    expect((await store.listAlerts())[0]?.state).toBe('accepted');
    expect((await store.listAudit()).some((e) => e.action === 'button.rejected')).toBe(true);
  });

  it('adds, lists and removes schedules for admins; others are refused privately and a bad cron gets a clear answer', async () => {
    const reply = async (user: string, command: string): Promise<string> => {
      const before = ws.ephemerals(user).length;
      await ws.slashCommand(user, command);
      await ws.waitFor(() => ws.ephemerals(user).length > before);
      return lastEphemeral(user);
    };
    expect(await reply(BOB, 'schedule add "0 3 * * *" all')).toContain('Changing schedules is for the admins');
    expect(await reply(ALICE, 'schedule add "0 3 * *" all')).toContain('has 4 fields');
    expect(await reply(ALICE, 'schedule add "0 3 * * *" spin')).toContain('0 3 * * *');
    const [added] = (await store.listSchedules());
    expect(added).toMatchObject({ cron: '0 3 * * *', pattern: 'spin', mode: 'bench', createdBy: `slack:${ALICE}` });
    expect(await reply(BOB, 'schedule list')).toContain(added?.id);
    expect(await reply(ALICE, `schedule remove ${added?.id}`)).toContain('Removed schedule');
    expect((await store.listSchedules())).toEqual([]);
    expect((await store.listAudit()).some((e) => e.action === 'schedule.refused' && e.actor === `slack:${BOB}`)).toBe(true);
  });

  it('posts a fuzz finding with its counterexample and repro; Mark as known is for admins and closes it', async () => {
    const run = { id: 'r-fuzz', mode: 'fuzz' as const, commit: repo.git('rev-parse', 'HEAD'), dirty: false, machine: 'bot-test', trigger: { kind: 'schedule' as const, by: 'schedule:nightly' }, startedAt: new Date().toISOString(), finishedAt: null, environment: 'ok' as const };
    await store.beginRun(run);
    await store.recordResults(run.id, []);
    const { alert } = await recordFindings(store, run, [
      { mode: 'fuzz', caseId: 'url/round trip', signature: 'TypeError|cannot read x', kind: 'property-failed', title: 'TypeError: cannot read properties of undefined', evidence: 'Counterexample: ["%zz"]\nShrunk 7 times', detail: { seed: 42 }, repro: 'perflab fuzz --replay f-1' },
    ]);
    expect(alert).toBeDefined();
    await bot.lab.postPendingAlerts();
    const posted = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('perflab.known')));
    expect(text(posted)).toContain('New fuzz finding');
    expect(text(posted)).toContain('%zz');
    expect(text(posted)).toContain('perflab fuzz --replay f-1');
    const details = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('full evidence')));
    expect(details.thread_ts).toBe(posted.ts);
    expect(text(details)).toContain('Shrunk 7 times');

    const bobBefore = ws.ephemerals(BOB).length;
    await ws.clickButton(BOB, ws.channel, posted.ts, 'perflab.known');
    await ws.waitFor(() => ws.ephemerals(BOB).length > bobBefore);
    expect(lastEphemeral(BOB)).toContain('Only perflab admins may mark findings as known');
    await ws.clickButton(ALICE, ws.channel, posted.ts, 'perflab.known');
    const closed = await ws.waitFor(() => ws.messages().find((m) => m.ts === posted.ts && text(m).includes('Marked as known')));
    expect(text(closed)).not.toContain('perflab.known');
    expect((await store.listFindings())[0]).toMatchObject({ state: 'known', stateBy: `slack:${ALICE}` });
  });

  it('keeps working after the socket drops', async () => {
    ws.dropSocketConnections();
    await ws.waitFor(() => ws.socketConnections > 0, 20_000);
    const before = ws.ephemerals(ALICE).length;
    await ws.slashCommand(ALICE, 'status');
    await ws.waitFor(() => ws.ephemerals(ALICE).length > before);
  });
});
