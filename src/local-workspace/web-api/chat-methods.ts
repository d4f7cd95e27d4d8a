import { optionalString, requiredString, type ApiParams } from '../api-params.js';
import { readMessageContent } from '../message-content.js';
import { SlackApiError } from '../slack-api-error.js';
import { toWireMessage } from '../to-wire.js';
import type { Channel } from '../types.js';
import { botAuthor, type ApiContext, type ApiMethod } from './api-method.js';

export const chatMethods: Record<string, ApiMethod> = {
  'chat.postMessage': {
    token: 'bot',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const content = readMessageContent(params, context.state.ids, 'new');
      const threadTs = optionalString(params, 'thread_ts');
      const message = context.state.messages.post(channel.id, botAuthor(context), content, threadTs);
      // Stricter than Slack, which accepts a thread_ts that names no message: here it is a bug worth seeing.
      if (!message) throw new SlackApiError('thread_not_found', [`no message ${threadTs} in ${channel.id}`]);
      return { channel: channel.id, ts: message.ts, message: toWireMessage(message) };
    },
  },

  'chat.update': {
    token: 'bot',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const ts = requiredString(params, 'ts');
      const { messages, options } = context.state;
      const existing = messages.find(channel.id, ts)?.message;
      if (!existing) throw new SlackApiError('message_not_found');
      if (existing.user !== options.identity.botUserId) throw new SlackApiError('cant_update_message');
      const content = readMessageContent(params, context.state.ids, 'update');
      const message = messages.update(channel.id, ts, content, options.identity.botUserId);
      if (!message) throw new SlackApiError('message_not_found');
      return { channel: channel.id, ts, text: message.text, message: toWireMessage(message) };
    },
  },

  'chat.delete': {
    token: 'bot',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const ts = requiredString(params, 'ts');
      const existing = context.state.messages.find(channel.id, ts)?.message;
      if (!existing) throw new SlackApiError('message_not_found');
      if (existing.user !== context.state.options.identity.botUserId) throw new SlackApiError('cant_delete_message');
      context.state.messages.remove(channel.id, ts);
      return { channel: channel.id, ts };
    },
  },

  'chat.postEphemeral': {
    token: 'bot',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const userId = requiredString(params, 'user');
      const user = context.state.directory.user(userId);
      if (!user || user.isBot) throw new SlackApiError('user_not_in_channel');
      const content = readMessageContent(params, context.state.ids, 'new');
      const threadTs = optionalString(params, 'thread_ts');
      const message = context.state.messages.postEphemeral(channel.id, user.id, botAuthor(context), content, threadTs);
      return { message_ts: message.ts };
    },
  },

  'chat.getPermalink': {
    token: 'any',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const ts = requiredString(params, 'message_ts');
      const found = context.state.messages.find(channel.id, ts);
      if (!found) throw new SlackApiError('message_not_found');
      return { channel: channel.id, permalink: context.urls.permalink(channel.id, ts, found.message.thread_ts) };
    },
  },
};

export function channelOf(params: ApiParams, context: ApiContext): Channel {
  const channel = context.state.directory.resolveChannel(requiredString(params, 'channel'));
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}
