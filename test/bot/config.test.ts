import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotConfig } from '../../src/bot/config.js';

const NO_FILE = join(tmpdir(), 'perflab-no-such-config.json');
const load = (env: Record<string, string>, file = NO_FILE) => loadBotConfig(env as NodeJS.ProcessEnv, file);

describe('loadBotConfig', () => {
  it('uses the local workspace when no Slack tokens are set', async () => {
    expect((await load({})).connection).toEqual({ mode: 'local' });
  });

  it('uses Socket Mode with a bot and an app token, and needs a channel', async () => {
    await expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).rejects.toThrow('set PERFLAB_CHANNEL');
    const config = await load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PERFLAB_CHANNEL: 'C1' });
    expect(config.connection).toMatchObject({ mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' });
  });

  it('uses HTTP mode with a signing secret instead of an app token', async () => {
    const config = await load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PERFLAB_CHANNEL: 'C1', PORT: '8080' });
    expect(config.connection.mode).toBe('http');
    expect(config.port).toBe(8080);
  });

  it.each([
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'set SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', PERFLAB_CHANNEL: 'C1' }, 'set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's', PERFLAB_CHANNEL: 'C1' }, 'not both'],
    [{ SLACK_BOT_TOKEN: 'xapp-oops', SLACK_APP_TOKEN: 'xapp-1' }, 'starts with "xoxb-"'],
    [{ SLACK_API_URL: 'http://127.0.0.1:1/api/' }, 'SLACK_API_URL is set but SLACK_BOT_TOKEN is not'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PERFLAB_CHANNEL: 'C1', SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL must be'],
    [{ PORT: 'eighty' }, 'PORT must be a port number'],
    [{ PERFLAB_ADMINS: 'U1,alice' }, '"alice" is not a Slack user id'],
    [{ PERFLAB_HOST: '0.0.0.0' }, 'set PERFLAB_SITE_TOKEN'],
    [{ PERFLAB_PUBLIC_URL: 'perf.example.com' }, 'PERFLAB_PUBLIC_URL must be an http(s) URL'],
  ])('stops with a message naming the variable: %j', async (env, message) => {
    await expect(load(env)).rejects.toThrow(message);
  });

  it('listens for the pages on 127.0.0.1 by default, elsewhere only with a site token', async () => {
    expect((await load({})).api).toMatchObject({ host: '127.0.0.1', port: 3100 });
    expect((await load({ PERFLAB_HOST: '0.0.0.0', PERFLAB_SITE_TOKEN: 'long-random' })).api).toMatchObject({ host: '0.0.0.0', siteToken: 'long-random' });
  });

  it('links the local workspace to the pages it serves, real Slack only to PERFLAB_PUBLIC_URL', async () => {
    expect((await load({})).publicUrl).toBe('http://127.0.0.1:3100');
    expect((await load({ PERFLAB_API_PORT: '4100', PERFLAB_HOST: '0.0.0.0', PERFLAB_SITE_TOKEN: 't' })).publicUrl).toBe('http://127.0.0.1:4100');
    expect((await load({ PERFLAB_API_PORT: '0' })).publicUrl).toBeUndefined();
    expect((await load({ PERFLAB_PUBLIC_URL: 'https://perf.example.com/' })).publicUrl).toBe('https://perf.example.com/');
    expect((await load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PERFLAB_CHANNEL: 'C1' })).publicUrl).toBeUndefined();
  });

  it('reads admins from PERFLAB_ADMINS, users and groups apart', async () => {
    expect((await load({ PERFLAB_ADMINS: 'U1, S2 ,W3' })).admins).toEqual({ users: ['U1', 'W3'], groups: ['S2'] });
  });

  it('reads the config file, and names the file and field when it is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflab-config-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ channel: 'C9', admins: { users: ['U7'] } }));
    expect(await load({}, good)).toMatchObject({ channel: 'C9', admins: { users: ['U7'], groups: [] } });

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ admins: { users: ['alice'] } }));
    await expect(load({}, bad)).rejects.toThrow(/bad\.json: admins\.users\.0: a Slack user id/);
    writeFileSync(bad, '{ nope');
    await expect(load({}, bad)).rejects.toThrow(/bad\.json: not valid JSON/);
  });

  it('reads the watched repositories and schedules, and names what is wrong in them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflab-config-'));
    const file = join(dir, 'perflab.config.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Europe/Paris', watch: { repos: [{ url: '../app', install: 'npm ci' }] }, schedules: [{ cron: '0 3 * * *' }] }));
    expect((await load({}, file)).triggers).toEqual({
      timezone: 'Europe/Paris',
      watch: [{ url: '../app', install: 'npm ci', branches: ['main'], suites: 'suites', pollSeconds: 60, maxBatch: 5, buildTimeoutSeconds: 900 }],
      schedules: [{ cron: '0 3 * * *', pattern: 'all', mode: 'bench' }],
    });
    writeFileSync(file, JSON.stringify({ timezone: 'Mars/Olympus' }));
    await expect(load({}, file)).rejects.toThrow(/perflab\.config\.json: timezone: "Mars\/Olympus" is not a time zone/);
    writeFileSync(file, JSON.stringify({ schedules: [{ cron: '0 3 * *' }] }));
    await expect(load({}, file)).rejects.toThrow(/schedules\.0\.cron: "0 3 \* \*" has 4 fields/);
    writeFileSync(file, JSON.stringify({ watch: { repos: [{ url: 'x', maxBatch: 0 }] } }));
    await expect(load({}, file)).rejects.toThrow(/watch\.repos\.0\.maxBatch/);
  });
});
