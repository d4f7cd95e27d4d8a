import { isRecord, optionalJson, optionalString, type ApiParams } from './api-params.js';
import type { IdSource } from './ids.js';
import type { MessageContent } from './message-store.js';
import { MAX_MESSAGE_BLOCKS, normalizeBlocks } from './normalize-blocks.js';
import { SlackApiError } from './slack-api-error.js';
import type { MessageMetadata } from './types.js';

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
  const metadata = readMetadata(params);

  if (mode === 'update') return { text, blocks, attachments, metadata };
  if (text === undefined && !blocks?.length && !attachments?.length) throw new SlackApiError('no_text');
  return { text: text ?? '', ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}), ...(metadata ? { metadata } : {}) };
}

/** `metadata`: `{ event_type, event_payload }`, as a JSON string (form bodies) or an object. */
function readMetadata(params: ApiParams): MessageMetadata | undefined {
  const raw = optionalJson(params, 'metadata', 'invalid_metadata_format');
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || typeof raw.event_type !== 'string' || raw.event_type === '' || !isRecord(raw.event_payload)) {
    throw new SlackApiError('invalid_metadata_format', ['metadata needs an event_type (a string) and an event_payload (an object)']);
  }
  return { event_type: raw.event_type, event_payload: raw.event_payload };
}
