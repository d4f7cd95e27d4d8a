// The Slack notifier's chart upload, with the real Bolt WebClient against the
// local workspace: filesUploadV2's three calls (get an upload URL, POST the
// bytes there, complete the upload into the thread) all go to the workspace.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buttonKey } from '../../src/bot/button-key.js';
import { SlackNotifier } from '../../src/bot/slack-notifier.js';
import { NotifyError, type PostedMessage } from '../../src/engine/alert/notifier.js';
import { startWorkspaceAndApp } from '../local-workspace/start-workspace-and-app.js';
import { openStore } from '../../src/engine/store/open-store.js';
import { Lab } from '../../src/lab/lab.js';
import { labDigest } from '../../src/lab/lab-digest.js';
import { tempDir } from '../engine/store/helpers/store-fixtures.js';
import { alertOf } from './blocks/fixtures.js';

// A valid 1×1 PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The workspace, a notifier on the app's own client, and an alert message to put charts under. */
async function setUp() {
  const { workspace, app } = await startWorkspaceAndApp(() => undefined);
  const noLab = () => {
    throw new Error('attaching a chart reads nothing from the lab');
  };
  const notifier = new SlackNotifier(app.client, noLab, workspace.channel, buttonKey(randomBytes(32)), null);
  const posted = await app.client.chat.postMessage({ channel: workspace.channel, text: 'Performance regression in 1 case' });
  const message: PostedMessage = { channel: workspace.channel, ts: posted.ts ?? '' };
  return { workspace, notifier, message };
}

describe('SlackNotifier.attachChart', () => {
  it("uploads the PNG into the alert's thread, listed in the reply's files and downloadable", async () => {
    const { workspace, notifier, message } = await setUp();

    await notifier.attachChart(alertOf({ id: 'al-1' }), message, PNG, 'json/parse 1MB: median per run');

    const reply = await workspace.waitFor(() => workspace.messages().find((m) => m.ts === message.ts)?.replies[0]);
    expect(reply.thread_ts).toBe(message.ts);
    expect(reply.files).toEqual([
      expect.objectContaining({
        name: 'perflab-al-1-json-parse-1mb-median-per-run.png',
        title: 'json/parse 1MB: median per run',
        alt_text: 'json/parse 1MB: median per run',
        mimetype: 'image/png',
        size: PNG.length,
      }),
    ]);
    const download = await fetch(reply.files?.[0]?.url_private ?? '');
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("keeps the alt text within Slack's 1000 characters, and the title whole", async () => {
    const { workspace, notifier, message } = await setUp();
    const title = `${'json/parse '.repeat(150)}median per run`;

    await notifier.attachChart(alertOf(), message, PNG, title);

    const reply = await workspace.waitFor(() => workspace.messages().find((m) => m.ts === message.ts)?.replies[0]);
    expect(reply.files?.[0]?.title).toBe(title);
    expect(reply.files?.[0]?.alt_text).toHaveLength(1000);
    expect(reply.files?.[0]?.name.length).toBeLessThanOrEqual(100);
  });

  it('refuses bytes that are not a PNG, before calling Slack', async () => {
    const { workspace, notifier, message } = await setUp();

    await expect(notifier.attachChart(alertOf(), message, Buffer.from('<svg/>'), 'chart')).rejects.toThrow(/not a PNG/);

    expect(workspace.messages().find((m) => m.ts === message.ts)?.replies).toEqual([]);
  });

  it("reports a failed upload as a NotifyError naming Slack's error", async () => {
    const { workspace, notifier, message } = await setUp();
    workspace.failNext('files.completeUploadExternal', { slackError: 'not_in_channel' });

    const failure = notifier.attachChart(alertOf(), message, PNG, 'chart');

    await expect(failure).rejects.toBeInstanceOf(NotifyError);
    await expect(failure).rejects.toThrow('not_in_channel');
  });
});

describe('SlackNotifier.findPostedDigest', () => {
  it('finds the digest posted with its key, and no other', async () => {
    const { workspace, app } = await startWorkspaceAndApp(() => undefined);
    const dir = await tempDir();
    const store = await openStore(dir);
    const lab = new Lab({ store, machine: 'box', suitesDir: dir, canary: false });
    onTestFinished(async () => {
      await lab.close();
      await store.close();
    });
    const notifier = new SlackNotifier(app.client, () => lab, workspace.channel, buttonKey(randomBytes(32)), null);
    const at = new Date().toISOString();
    const digest = await labDigest(lab, { now: new Date(at) });

    expect(await notifier.findPostedDigest('digest all ' + at, at)).toBeUndefined();
    const posted = await notifier.postDigest(digest, 'digest all ' + at);

    expect(await notifier.findPostedDigest('digest all ' + at, at)).toEqual(posted);
    expect(await notifier.findPostedDigest('digest all 2020-01-06T09:00Z', at)).toBeUndefined();
    expect(workspace.messages()).toHaveLength(1);
  });
});

