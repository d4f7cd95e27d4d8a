import { isRecord, optionalJson, optionalString, type ApiParams } from './api-params.js';
import type { IdSource } from './ids.js';
import type { MessageContent } from './message-store.js';
import { MAX_MESSAGE_BLOCKS, normalizeBlocks } from './normalize-blocks.js';
import { SlackApiError } from './slack-api-error.js';

/** Slack truncates past 40 000 characters; chat.postMessage refuses past it with msg_too_long. */
const MAX_TEXT = 40_000;

/**
 * The text/blocks/attachments of chat.postMessage, chat.update,
 * chat.postEphemeral, response_url posts and acks. For a new message one of
 * them is required (`no_text`); for an update, what is missing is kept.
 */
export function readMessageContent(params: ApiParams, ids: IdSource, mode: 'new'): MessageContent;
export function readMessageContent(params: ApiParams, ids: IdSource, mode: 'update'): Partial<MessageContent>;
export function readMessageContent(params: ApiParams, ids: IdSource, mode: 'new' | 'update'): Partial<MessageContent> {
  const text = optionalString(params, 'text');
  const rawBlocks = optionalJson(params, 'blocks', 'invalid_blocks');
  const rawAttachments = optionalJson(params, 'attachments', 'invalid_attachments');
  if (text !== undefined && text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  const blocks = rawBlocks === undefined ? undefined : normalizeBlocks(rawBlocks, ids, MAX_MESSAGE_BLOCKS);
  if (rawAttachments !== undefined && !(Array.isArray(rawAttachments) && rawAttachments.every(isRecord))) {
    throw new SlackApiError('invalid_attachments');
  }
  const attachments = rawAttachments as unknown[] | undefined;

  if (mode === 'update') return { text, blocks, attachments };
  if (text === undefined && !blocks?.length && !attachments?.length) throw new SlackApiError('no_text');
  return { text: text ?? '', ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}) };
}
