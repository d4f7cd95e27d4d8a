import { randomBytes } from 'node:crypto';
import { LocalWorkspaceError, LocalWorkspaceErrorCode } from './errors.js';
import type { Channel, WorkspaceUser } from './types.js';

export interface LocalWorkspaceOptions {
  /** TCP port to listen on. Default 0: any free port. */
  port?: number;
  /** Address to bind. Only loopback is allowed. Default '127.0.0.1'. */
  host?: '127.0.0.1';
  /** The channel's ID. Default 'C0PERFLAB'. */
  channel?: string;
  /** The channel's name, without '#'. Default 'perf'. */
  channelName?: string;
  /** The people in the workspace. Default alice (U0ALICE, in usergroup S0MAINTAINERS) and bob (U0BOB). */
  users?: { id: string; name: string; groups?: string[] }[];
  /** How long a person waits for the app's ack, in ms. Default 3000 (Slack's limit). */
  ackTimeoutMs?: number;
}

/** Who the app is in this workspace. The IDs are fixed; the tokens are new on every start. */
export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
  /** 'xoxb-local-…' */
  botToken: string;
  /** 'xapp-local-…' */
  appToken: string;
  /** The deprecated verification token Slack still puts in payloads. */
  verificationToken: string;
}

export interface ResolvedOptions {
  port: number;
  host: '127.0.0.1';
  channel: Channel;
  /** People first, then the bot user. */
  users: WorkspaceUser[];
  ackTimeoutMs: number;
  identity: WorkspaceIdentity;
}

export const DEFAULT_USERS = [
  { id: 'U0ALICE', name: 'alice', groups: ['S0MAINTAINERS'] },
  { id: 'U0BOB', name: 'bob' },
];

export function resolveOptions(options: LocalWorkspaceOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) invalid(`port must be an integer in 0..65535, got ${port}`);
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') invalid(`host must be '127.0.0.1' (the local workspace never listens beyond loopback), got '${String(host)}'`);
  const channelId = options.channel ?? 'C0PERFLAB';
  if (!/^C[A-Z0-9]+$/.test(channelId)) invalid(`channel must look like a Slack channel ID (C…), got '${channelId}'`);
  const channelName = (options.channelName ?? 'perf').replace(/^#/, '');
  const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  if (!(ackTimeoutMs > 0)) invalid(`ackTimeoutMs must be positive, got ${ackTimeoutMs}`);

  const identity: WorkspaceIdentity = {
    teamId: 'T0PERFLAB',
    teamDomain: 'perflab-local',
    appId: 'A0PERFLAB',
    botId: 'B0PERFLAB',
    botUserId: 'U0PERFLAB',
    botName: 'perflab',
    botToken: `xoxb-local-${randomBytes(12).toString('hex')}`,
    appToken: `xapp-local-${randomBytes(12).toString('hex')}`,
    verificationToken: randomBytes(12).toString('hex'),
  };

  const people = (options.users ?? DEFAULT_USERS).map((user) => {
    if (!/^[UW][A-Z0-9]+$/.test(user.id)) invalid(`users: '${user.id}' does not look like a Slack user ID (U…)`);
    if (!user.name) invalid(`users: '${user.id}' needs a name`);
    for (const group of user.groups ?? []) {
      if (!/^S[A-Z0-9]+$/.test(group)) invalid(`users: '${user.id}' is in '${group}', which does not look like a usergroup ID (S…)`);
    }
    return { id: user.id, name: user.name, groups: [...(user.groups ?? [])], isBot: false };
  });
  const ids = new Set<string>([identity.botUserId]);
  for (const person of people) {
    if (ids.has(person.id)) invalid(`users: '${person.id}' appears twice (or is the bot's ID)`);
    ids.add(person.id);
  }
  const bot: WorkspaceUser = { id: identity.botUserId, name: identity.botName, groups: [], isBot: true };

  return { port, host, channel: { id: channelId, name: channelName }, users: [...people, bot], ackTimeoutMs, identity };
}

function invalid(message: string): never {
  throw new LocalWorkspaceError(LocalWorkspaceErrorCode.Option, `LocalWorkspace: ${message}`);
}
