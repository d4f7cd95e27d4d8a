import { webApi } from '@slack/bolt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LocalWorkspace } from '../../src/local-workspace/index.js';

async function startWorkspace(): Promise<LocalWorkspace> {
  const workspace = await LocalWorkspace.start();
  onTestFinished(() => workspace.stop());
  return workspace;
}

// The WebClient logs Slack's error details at error level; these tests expect the errors.
const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => webApi.LogLevel.ERROR, setName() {} };

function clientFor(workspace: LocalWorkspace, token = workspace.botToken): webApi.WebClient {
  return new webApi.WebClient(token, { slackApiUrl: workspace.apiUrl, retryConfig: { retries: 0 }, logger: silent });
}

async function post(workspace: LocalWorkspace, method: string, body: unknown, token = workspace.botToken): Promise<Record<string, unknown>> {
  const response = await fetch(`${workspace.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('the Web API of the local workspace', () => {
  it('listens on 127.0.0.1 only', async () => {
    const workspace = await startWorkspace();

    expect(workspace.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(workspace.apiUrl).toBe(`${workspace.url}/api/`);
  });

  it('refuses a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const workspace = await startWorkspace();

    await expect(clientFor(workspace, 'xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { ok: false, error: 'invalid_auth' } });
    const response = await fetch(`${workspace.apiUrl}auth.test`, { method: 'POST' });
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers auth.test with the bot identity', async () => {
    const workspace = await startWorkspace();

    const result = await clientFor(workspace).auth.test();

    expect(result).toMatchObject({ ok: true, user_id: workspace.botUserId, bot_id: workspace.botId, team_id: workspace.teamId });
  });

  it('answers an unknown method with unknown_method', async () => {
    const workspace = await startWorkspace();

    expect(await post(workspace, 'chat.frobnicate', {})).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('gives apps.connections.open a one-time Socket Mode URL for the app token only', async () => {
    const workspace = await startWorkspace();

    const opened = await post(workspace, 'apps.connections.open', {}, workspace.appToken);
    const withBotToken = await post(workspace, 'apps.connections.open', {});

    expect(opened.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/socket\\?ticket=`));
    expect(withBotToken).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });

  it('accepts JSON bodies as well as the form bodies the WebClient sends', async () => {
    const workspace = await startWorkspace();

    const result = await post(workspace, 'chat.postMessage', { channel: workspace.channel, text: 'from JSON', blocks: [{ type: 'divider' }] });

    expect(result).toMatchObject({ ok: true, channel: workspace.channel, message: { text: 'from JSON' } });
    expect(workspace.messages()[0]?.blocks).toMatchObject([{ type: 'divider', block_id: expect.any(String) }]);
  });

  it('gives messages Slack-like ts values that strictly increase', async () => {
    const workspace = await startWorkspace();
    const client = clientFor(workspace);

    const stamps: string[] = [];
    for (let i = 0; i < 20; i++) stamps.push((await client.chat.postMessage({ channel: '#perf', text: `n${i}` })).ts ?? '');

    for (const ts of stamps) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(workspace.messages().map((m) => m.ts)).toEqual(stamps);
  });

  it('refuses blocks Slack would refuse with invalid_blocks', async () => {
    const workspace = await startWorkspace();
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    await expect(clientFor(workspace).chat.postMessage({ channel: workspace.channel, text: 'x', blocks: tooMany })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(await post(workspace, 'chat.postMessage', { channel: workspace.channel, blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*x*' } }] })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
  });

  it('answers channel_not_found for an unknown channel', async () => {
    const workspace = await startWorkspace();

    await expect(clientFor(workspace).chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('lists the members of a usergroup and tells who a user is', async () => {
    const workspace = await startWorkspace();
    const client = clientFor(workspace);

    expect((await client.usergroups.users.list({ usergroup: 'S0MAINTAINERS' })).users).toEqual(['U0ALICE']);
    expect((await client.users.info({ user: 'U0BOB' })).user).toMatchObject({ id: 'U0BOB', name: 'bob', is_bot: false });
    await expect(client.usergroups.users.list({ usergroup: 'S0NOPE' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });

  it('makes permalinks that open the page', async () => {
    const workspace = await startWorkspace();
    const client = clientFor(workspace);
    const { ts } = await client.chat.postMessage({ channel: workspace.channel, text: 'here' });

    const { permalink } = await client.chat.getPermalink({ channel: workspace.channel, message_ts: ts ?? '' });

    expect(permalink).toBe(`${workspace.url}/archives/${workspace.channel}/p${(ts ?? '').replace('.', '')}`);
    const page = await fetch(permalink ?? '');
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('posts chat.postEphemeral to the one person named', async () => {
    const workspace = await startWorkspace();

    await clientFor(workspace).chat.postEphemeral({ channel: workspace.channel, user: 'U0BOB', text: 'psst' });

    expect(workspace.ephemerals('U0BOB').map((m) => m.text)).toEqual(['psst']);
    expect(workspace.ephemerals('U0ALICE')).toEqual([]);
    expect(workspace.messages()).toEqual([]);
  });

  it('refuses an unknown trigger_id in views.open', async () => {
    const workspace = await startWorkspace();

    const opening = clientFor(workspace).views.open({
      trigger_id: '123.456.abc',
      view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
    });

    await expect(opening).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
  });

  it('refuses calls from another origin to the page endpoints', async () => {
    const workspace = await startWorkspace();

    const response = await fetch(`${workspace.url}/local/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ user: 'U0ALICE', line: '/perflab accept' }),
    });

    expect(response.status).toBe(403);
  });

  it('keeps chat.postMessage metadata, and conversations.history pages a channel newest first with it only when asked', async () => {
    const workspace = await startWorkspace();
    const client = clientFor(workspace);
    const first = await client.chat.postMessage({ channel: workspace.channel, text: 'one', metadata: { event_type: 'perflab_alert', event_payload: { alert_id: 'a-1' } } });
    const second = await client.chat.postMessage({ channel: workspace.channel, text: 'two' });
    const third = await client.chat.postMessage({ channel: workspace.channel, text: 'three' });
    await client.chat.postMessage({ channel: workspace.channel, thread_ts: first.ts ?? '', text: 'a reply, not in the history' });

    const page1 = await client.conversations.history({ channel: workspace.channel, limit: 2, include_all_metadata: true });
    expect(page1.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({ channel: workspace.channel, limit: 2, include_all_metadata: true, cursor: page1.response_metadata?.next_cursor ?? '' });
    expect(page2.messages?.map((m) => m.text)).toEqual(['one']);
    expect(page2.messages?.[0]?.metadata).toEqual({ event_type: 'perflab_alert', event_payload: { alert_id: 'a-1' } });
    expect(page2.has_more).toBe(false);

    const plain = await client.conversations.history({ channel: workspace.channel });
    expect(plain.messages?.find((m) => m.ts === first.ts)?.metadata).toBeUndefined();
    // `oldest` and `latest` are exclusive unless `inclusive`.
    const between = await client.conversations.history({ channel: workspace.channel, oldest: first.ts ?? '', latest: third.ts ?? '' });
    expect(between.messages?.map((m) => m.ts)).toEqual([second.ts]);
    const inclusive = await client.conversations.history({ channel: workspace.channel, oldest: first.ts ?? '', latest: third.ts ?? '', inclusive: true });
    expect(inclusive.messages).toHaveLength(3);
  });

  it('refuses metadata without an event_type and an event_payload, and a cursor it did not give', async () => {
    const workspace = await startWorkspace();

    expect(await post(workspace, 'chat.postMessage', { channel: workspace.channel, text: 'x', metadata: { event_payload: {} } })).toMatchObject({ ok: false, error: 'invalid_metadata_format' });
    expect(await post(workspace, 'chat.postMessage', { channel: workspace.channel, text: 'x', metadata: '{not json' })).toMatchObject({ ok: false, error: 'invalid_metadata_format' });
    expect(await post(workspace, 'conversations.history', { channel: workspace.channel, cursor: 'bm9wZQ==' })).toMatchObject({ ok: false, error: 'invalid_cursor' });
    expect(workspace.messages()).toEqual([]);
  });
});

