// No alert posted twice, even when the poster dies between Slack's answer and
// the store's record of it: the real Bolt client against the local workspace,
// a real store on disk. The next claimant counts an unrecorded claim, finds
// the earlier message by its metadata (conversations.history) and adopts it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buttonKey } from '../../src/bot/button-key.js';
import { SlackNotifier } from '../../src/bot/slack-notifier.js';
import { Outbox } from '../../src/engine/alert/outbox.js';
import type { Alert } from '../../src/engine/model.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import type { Lab } from '../../src/lab/lab.js';
import type { Message } from '../../src/local-workspace/index.js';
import { makeAlert, makeRun, tempDir } from '../engine/store/helpers/store-fixtures.js';
import { startWorkspaceAndApp } from '../local-workspace/start-workspace-and-app.js';

const CLAIM_MS = 300;

async function setUp() {
  const { workspace, app } = await startWorkspaceAndApp(() => undefined);
  const dir = await tempDir();
  const store = await openStore(dir);
  const run = makeRun({ startedAt: new Date().toISOString() });
  await store.beginRun(run);
  const alert = makeAlert({ runId: run.id, createdAt: new Date().toISOString() });
  await store.addAlert(alert);
  // What an alert's message reads from the lab, from the real store.
  const lab = { getRun: (id: string) => store.getRun(id), runResults: (id: string) => store.runResults(id), baselineHistory: (caseId: string, machine: string) => store.baselineHistory(caseId, machine), finding: () => Promise.resolve(undefined), dataDir: dir } as unknown as Lab;
  const notifier = new SlackNotifier(app.client, () => lab, workspace.channel, buttonKey(randomBytes(32)), null);
  const alertMessages = (): Message[] => workspace.messages().filter((m) => m.metadata?.event_payload.alert_id === alert.id);
  return { workspace, store, alert, notifier, alertMessages };
}

/** The store, but its record of a post fails (`times` times), as if the process died just after Slack answered. */
function failingPostedRecord(store: Store, times: number): Store {
  let left = times;
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'setAlertDelivery') {
        return (id: string, delivery: NonNullable<Alert['delivery']>) => {
          if (delivery.state === 'posted' && left-- > 0) return Promise.reject(new Error('killed before the record'));
          return target.setAlertDelivery(id, delivery);
        };
      }
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function postedDelivery(store: Store, id: string): Promise<NonNullable<Alert['delivery']>> {
  for (let i = 0; i < 200; i++) {
    const delivery = (await store.getAlert(id))?.delivery;
    if (delivery?.state === 'posted') return delivery;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`alert ${id} was not recorded as posted`);
}

describe('an alert posted, then its poster gone before recording it', () => {
  it('is found by the next claimant and recorded, not posted again', async () => {
    const { store, alert, notifier, alertMessages } = await setUp();
    const errors: unknown[] = [];
    const dying = new Outbox(failingPostedRecord(store, 1), notifier, { claimMs: CLAIM_MS, onError: (_a, error) => errors.push(error) });

    await dying.deliver(alert.id);
    expect(alertMessages()).toHaveLength(1);
    expect((await store.getAlert(alert.id))?.delivery).toMatchObject({ state: 'posting', attempts: 0, claims: 1 });
    dying.close(); // the process is gone: no retry of its own

    // A restart: a new outbox on the same store resumes pending posts once the dead claim runs out.
    await new Promise((resolve) => setTimeout(resolve, CLAIM_MS + 50));
    const restarted = new Outbox(store, notifier, { claimMs: CLAIM_MS });
    await restarted.resume();

    const delivery = await postedDelivery(store, alert.id);
    expect(alertMessages()).toHaveLength(1);
    expect(delivery).toMatchObject({ state: 'posted', attempts: 1, claims: 2, ts: alertMessages()[0]?.ts });
    expect(errors).toEqual([expect.objectContaining({ message: 'killed before the record' })]);
    restarted.close();
  });

  it('a process that stays up retries by itself after its claim runs out, and still posts once', async () => {
    const { store, alert, notifier, alertMessages } = await setUp();
    const outbox = new Outbox(failingPostedRecord(store, 1), notifier, { claimMs: CLAIM_MS });

    await outbox.deliver(alert.id);

    const delivery = await postedDelivery(store, alert.id);
    expect(alertMessages()).toHaveLength(1);
    expect(delivery.ts).toBe(alertMessages()[0]?.ts);
    outbox.close();
  });

  it('a first post looks for nothing, and a post that failed before Slack took it is posted on the retry', async () => {
    const { workspace, store, alert, notifier, alertMessages } = await setUp();
    workspace.failNext('conversations.history', { slackError: 'ratelimited' }, 5); // would fail any look
    workspace.failNext('chat.postMessage', { slackError: 'internal_error' });
    const outbox = new Outbox(store, notifier, { claimMs: CLAIM_MS, delaysMs: [50] });

    await outbox.deliver(alert.id);
    const delivery = await postedDelivery(store, alert.id);

    expect(alertMessages()).toHaveLength(1);
    expect(delivery).toMatchObject({ attempts: 2, claims: 2, ts: alertMessages()[0]?.ts });
    outbox.close();
  });

  it('an app that may not read the channel cannot tell, and posts again rather than never', async () => {
    const { workspace, store, alert, notifier, alertMessages } = await setUp();
    workspace.failNext('conversations.history', { slackError: 'not_in_channel' });
    const outbox = new Outbox(failingPostedRecord(store, 1), notifier, { claimMs: CLAIM_MS });

    await outbox.deliver(alert.id);
    const delivery = await postedDelivery(store, alert.id);

    expect(alertMessages()).toHaveLength(2);
    expect(delivery.ts).toBe(alertMessages()[1]?.ts);
    outbox.close();
  });
});

