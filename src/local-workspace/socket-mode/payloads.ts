import type { WorkspaceIdentity } from '../options.js';
import { toWireMessage, toWireView } from '../to-wire.js';
import type { Block, Channel, Message, View, WorkspaceUser } from '../types.js';

// Payload shapes as Slack sends them and as @slack/bolt reads them
// (getTypeAndConversation: `command` → command, `actions` → action,
// type 'view_submission' → view). Examples:
// https://docs.slack.dev/apis/events-api/using-socket-mode#command
// https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
// https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload

export function slashCommandPayload(args: {
  identity: WorkspaceIdentity;
  channel: Channel;
  user: WorkspaceUser;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): Record<string, unknown> {
  const { identity, channel, user } = args;
  // Slack sends slash commands form-encoded; every value is a string, booleans included.
  return {
    token: identity.verificationToken,
    team_id: identity.teamId,
    team_domain: identity.teamDomain,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.name,
    command: args.command,
    text: args.text,
    api_app_id: identity.appId,
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId,
  };
}

export function blockActionsPayload(args: {
  identity: WorkspaceIdentity;
  channel: Channel;
  user: WorkspaceUser;
  message: Message;
  block: Block;
  element: Record<string, unknown>;
  responseUrl: string;
  triggerId: string;
  actionTs: string;
}): Record<string, unknown> {
  const { identity, channel, message, element } = args;
  const ephemeral = message.visibleTo !== undefined;
  const action: Record<string, unknown> = {
    type: element.type,
    action_id: element.action_id,
    block_id: args.block.block_id,
    text: element.text,
    action_ts: args.actionTs,
  };
  if (element.value !== undefined) action.value = element.value;
  if (element.style !== undefined) action.style = element.style;
  return {
    type: 'block_actions',
    user: personOf(args.user, identity),
    api_app_id: identity.appId,
    token: identity.verificationToken,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: ephemeral,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    trigger_id: args.triggerId,
    team: { id: identity.teamId, domain: identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.name },
    // Slack leaves the message out when it is ephemeral: the app never stored it.
    ...(ephemeral ? {} : { message: toWireMessage(message) }),
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [action],
  };
}

export function viewSubmissionPayload(args: {
  identity: WorkspaceIdentity;
  user: WorkspaceUser;
  view: View;
  triggerId: string;
}): Record<string, unknown> {
  const { identity } = args;
  return {
    type: 'view_submission',
    team: { id: identity.teamId, domain: identity.teamDomain },
    user: personOf(args.user, identity),
    api_app_id: identity.appId,
    token: identity.verificationToken,
    trigger_id: args.triggerId,
    view: toWireView(args.view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosedPayload(args: { identity: WorkspaceIdentity; user: WorkspaceUser; view: View }): Record<string, unknown> {
  const { identity } = args;
  return {
    type: 'view_closed',
    team: { id: identity.teamId, domain: identity.teamDomain },
    user: personOf(args.user, identity),
    api_app_id: identity.appId,
    token: identity.verificationToken,
    view: toWireView(args.view),
    is_cleared: false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

function personOf(user: WorkspaceUser, identity: WorkspaceIdentity): Record<string, unknown> {
  return { id: user.id, username: user.name, name: user.name, team_id: identity.teamId };
}
