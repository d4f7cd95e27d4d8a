// conversations.history: a channel's top-level messages, newest first, as
// Slack pages them (`limit`, an opaque `cursor`, `oldest`/`latest` bounds,
// exclusive unless `inclusive`). Message metadata is in the answer only with
// `include_all_metadata`, as in Slack.
import { optionalBoolean, optionalString, type ApiParams } from '../api-params.js';
import { SlackApiError } from '../slack-api-error.js';
import { toWireMessage } from '../to-wire.js';
import type { ApiMethod } from './api-method.js';
import { channelOf } from './chat-methods.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

export const conversationMethods: Record<string, ApiMethod> = {
  'conversations.history': {
    token: 'any',
    run: (params, context) => {
      const channel = channelOf(params, context);
      const limit = Math.min(MAX_LIMIT, Math.max(1, Number(optionalString(params, 'limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
      const inclusive = optionalBoolean(params, 'inclusive') ?? false;
      const oldest = optionalString(params, 'oldest');
      const latest = optionalString(params, 'latest');
      const before = cursorTs(params);
      const withMetadata = optionalBoolean(params, 'include_all_metadata') ?? false;
      const inRange = (ts: string): boolean =>
        (oldest === undefined || (inclusive ? Number(ts) >= Number(oldest) : Number(ts) > Number(oldest))) &&
        (latest === undefined || (inclusive ? Number(ts) <= Number(latest) : Number(ts) < Number(latest))) &&
        (before === undefined || Number(ts) <= Number(before));
      const newestFirst = context.state.messages.topLevel(channel.id).filter((m) => inRange(m.ts)).reverse();
      const page = newestFirst.slice(0, limit);
      const next = newestFirst[limit];
      return {
        messages: page.map((m) => {
          const { metadata, ...wire } = toWireMessage(m);
          return withMetadata && metadata !== undefined ? { ...wire, metadata } : wire;
        }),
        has_more: next !== undefined,
        pin_count: 0,
        response_metadata: { next_cursor: next === undefined ? '' : Buffer.from(`next_ts:${next.ts}`).toString('base64') },
      };
    },
  },
};

/** The ts a `cursor` from an earlier page continues at (Slack's cursors are base64 `next_ts:<ts>` too, but opaque to callers). */
function cursorTs(params: ApiParams): string | undefined {
  const cursor = optionalString(params, 'cursor');
  if (cursor === undefined) return undefined;
  const match = /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new SlackApiError('invalid_cursor');
  return match[1];
}
