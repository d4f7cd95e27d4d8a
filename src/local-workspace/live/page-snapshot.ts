import { SLACKBOT_USER_ID } from '../person/slash-command.js';
import type { Message, View } from '../types.js';
import type { WorkspaceState } from '../workspace-state.js';

/** What the page shows one person: the channel, their ephemerals, their top modal. */
export interface PageSnapshot {
  type: 'snapshot';
  you: string;
  appConnected: boolean;
  workspace: {
    teamDomain: string;
    channel: { id: string; name: string };
    botUserId: string;
    users: { id: string; name: string; isBot: boolean }[];
  };
  messages: Message[];
  ephemerals: Message[];
  view: View | null;
}

export function pageSnapshot(state: WorkspaceState, userId: string, appConnected: boolean): PageSnapshot {
  const { directory, messages, views, options } = state;
  const channel = directory.channel;
  return structuredClone({
    type: 'snapshot',
    you: userId,
    appConnected,
    workspace: {
      teamDomain: options.identity.teamDomain,
      channel,
      botUserId: options.identity.botUserId,
      users: [
        ...directory.users().map(({ id, name, isBot }) => ({ id, name, isBot })),
        { id: SLACKBOT_USER_ID, name: 'Slackbot', isBot: true },
      ],
    },
    messages: messages.topLevel(channel.id),
    ephemerals: messages.ephemerals().filter((m) => m.visibleTo === userId && m.channel === channel.id),
    view: views.top(userId) ?? null,
  });
}
