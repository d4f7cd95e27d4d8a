// Bot configuration: the environment first, as Bolt apps conventionally do,
// then an optional perflab.config.json for what does not fit in a variable.
// A missing or contradictory setting stops start-up naming the variable.
import { CONFIG_FILE, readConfigFile } from '../engine/config/config-file.js';
import type { BotTriggers } from './create-bot.js';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { publicUrlFrom } from '../site/page-url.js';
import { checkSiteBinding } from '../site/site-access.js';

export type SlackConnection =
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string }
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: 'local' };

export interface BotConfig {
  connection: SlackConnection;
  /** Channel id for alerts; the local workspace has its own. */
  channel: string | undefined;
  /** HTTP mode's port, and the local workspace page's. */
  port: number;
  /** Who may accept baselines and dismiss alerts: Slack user ids and user group ids. Empty: everyone. */
  admins: { users: string[]; groups: string[] };
  /** Schedules, their default zone, and the repositories to watch (perflab.config.json). */
  triggers: BotTriggers;
  /** The one HTTP server: the site's read-only pages, and the API for webhooks and `perflab ci --push` when their secrets are set. */
  api: ApiConfig;
  /** Where the site is reachable for people (`PERFLAB_PUBLIC_URL`): alerts, reports and tables link to pages there. */
  publicUrl?: string;
}

export interface ApiConfig {
  /** `PERFLAB_API_PORT`, default 3100. */
  port: number;
  /** `PERFLAB_HOST`, default 127.0.0.1; any other address needs `siteToken`. */
  host: string;
  webhookSecret?: string;
  apiToken?: string;
  /** `PERFLAB_SITE_TOKEN`: what readers of the pages must bring. */
  siteToken?: string;
}

export { CONFIG_FILE };

export async function loadBotConfig(env: NodeJS.ProcessEnv = process.env, file = CONFIG_FILE): Promise<BotConfig> {
  const fromFile = await readConfigFile(file);
  const botToken = env.SLACK_BOT_TOKEN || undefined;
  const appToken = env.SLACK_APP_TOKEN || undefined;
  const signingSecret = env.SLACK_SIGNING_SECRET || undefined;
  const apiUrl = env.SLACK_API_URL || undefined;

  const fail = (message: string): never => {
    throw new PerflabError(ErrorCode.Config, message);
  };
  if (apiUrl && !/^https?:\/\/.+\/$/.test(apiUrl)) fail(`SLACK_API_URL must be an http(s) URL ending in "/", like https://slack.com/api/ (got "${apiUrl}")`);
  if (botToken && !botToken.startsWith('xoxb-')) fail('SLACK_BOT_TOKEN must be a bot token (it starts with "xoxb-")');
  if (appToken && !appToken.startsWith('xapp-')) fail('SLACK_APP_TOKEN must be an app-level token (it starts with "xapp-")');

  let connection: SlackConnection;
  if (!botToken) {
    if (appToken || signingSecret) fail('set SLACK_BOT_TOKEN too: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET alone cannot post messages');
    if (apiUrl) fail('SLACK_API_URL is set but SLACK_BOT_TOKEN is not: set the token, or unset SLACK_API_URL to use the local workspace');
    connection = { mode: 'local' };
  } else if (appToken && signingSecret) {
    fail('set either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode), not both');
  } else if (appToken) {
    connection = { mode: 'socket', botToken, appToken, ...(apiUrl ? { apiUrl } : {}) };
  } else if (signingSecret) {
    connection = { mode: 'http', botToken, signingSecret, ...(apiUrl ? { apiUrl } : {}) };
  } else {
    fail('set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP mode (SLACK_BOT_TOKEN is set)');
  }

  const channel = env.PERFLAB_CHANNEL || fromFile.channel;
  if (connection!.mode !== 'local' && !channel) fail('set PERFLAB_CHANNEL to the id of the channel for alerts (like C012ABC)');

  const port = env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : (fromFile.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`PORT must be a port number, got "${env.PORT}"`);

  const admins = parseAdmins(env.PERFLAB_ADMINS) ?? { users: fromFile.admins?.users ?? [], groups: fromFile.admins?.groups ?? [] };
  const webhookSecret = env.PERFLAB_WEBHOOK_SECRET || undefined;
  const apiToken = env.PERFLAB_API_TOKEN || undefined;
  const apiPort = env.PERFLAB_API_PORT ? Number(env.PERFLAB_API_PORT) : 3100;
  if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65_535) fail(`PERFLAB_API_PORT must be a port number, got "${env.PERFLAB_API_PORT}"`);
  const siteToken = env.PERFLAB_SITE_TOKEN || undefined;
  const host = env.PERFLAB_HOST || '127.0.0.1';
  // Refused here, before Slack is connected: the pages would be open to anyone who can reach the address.
  checkSiteBinding(host, siteToken);
  const api: ApiConfig = { port: apiPort, host, ...(webhookSecret ? { webhookSecret } : {}), ...(apiToken ? { apiToken } : {}), ...(siteToken ? { siteToken } : {}) };
  // The local workspace (a newcomer's `npm start`) links to the pages this
  // process serves, which the same browser opens. Real Slack gets no default:
  // 127.0.0.1 there would be each reader's own machine.
  const publicUrl = publicUrlFrom(env) ?? (connection!.mode === 'local' && apiPort !== 0 ? localPagesUrl(host, apiPort) : undefined);
  const triggers: BotTriggers = {
    ...(fromFile.schedules ? { schedules: fromFile.schedules } : {}),
    ...(fromFile.timezone ? { timezone: fromFile.timezone } : {}),
    ...(fromFile.watch ? { watch: fromFile.watch.repos } : {}),
  };
  return { connection: connection!, channel, port, admins, triggers, api, ...(publicUrl ? { publicUrl } : {}) };
}

/** `PERFLAB_ADMINS=U012ABC,S034DEF`: users (U…/W…) and user groups (S…). */
function parseAdmins(value: string | undefined): BotConfig['admins'] | undefined {
  if (!value) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = ids.find((id) => !/^[UWS][A-Z0-9]+$/.test(id));
  if (bad) throw new PerflabError(ErrorCode.Config, `PERFLAB_ADMINS: "${bad}" is not a Slack user id (U…) or user group id (S…)`);
  return { users: ids.filter((id) => !id.startsWith('S')), groups: ids.filter((id) => id.startsWith('S')) };
}

/** The pages' address as a browser on this machine reaches them. */
function localPagesUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
