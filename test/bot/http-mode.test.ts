// HTTP mode: Slack signs every request; Bolt's receiver must refuse a bad or
// stale signature with 401 and accept a good one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../../src/bot/create-bot.js';
import { LocalWorkspace } from '../../src/local-workspace/index.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';

const SECRET = 'test-signing-secret';
let ws: LocalWorkspace;
let bot: Bot;
let store: Store;
let dir: string;
let port: number;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-http-'));
  store = await openStore(dir);
  ws = await LocalWorkspace.start();
  port = await freePort();
  bot = await createBot({
    connection: { mode: 'http', botToken: ws.botToken, signingSecret: SECRET, apiUrl: ws.apiUrl },
    channel: ws.channel,
    admins: { users: [], groups: [] },
    port,
    store,
    machine: 'http-test',
    suitesDir: dir,
    repo: null,
  });
  await bot.start();
});

afterAll(async () => {
  await bot.stop();
  await ws.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(body: string, timestamp: number, secret = SECRET): Promise<Response> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
}

const command = new URLSearchParams({ command: '/perflab', text: 'help', user_id: 'U0ALICE', channel_id: 'C0PERFLAB', team_id: 'T0', response_url: 'http://127.0.0.1:9/none', trigger_id: 't', api_app_id: 'A0', token: 'x' }).toString();
const now = () => Math.floor(Date.now() / 1000);

describe('HTTP mode', () => {
  it('accepts a correctly signed slash command', async () => {
    expect((await post(command, now())).status).toBe(200);
  });

  it('refuses a request signed with another secret with 401', async () => {
    expect((await post(command, now(), 'wrong-secret')).status).toBe(401);
  });

  it('refuses a request older than five minutes with 401', async () => {
    expect((await post(command, now() - 6 * 60)).status).toBe(401);
  });
});
