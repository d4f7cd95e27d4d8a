import { isRecord, optionalJson, optionalString, requiredString } from '../api-params.js';
import { MAX_MESSAGE_BLOCKS, normalizeBlocks } from '../normalize-blocks.js';
import { SlackApiError } from '../slack-api-error.js';
import type { FileInfo } from '../types.js';
import { botAuthor, type ApiContext, type ApiMethod } from './api-method.js';

// The upload flow the WebClient's filesUploadV2 drives:
// files.getUploadURLExternal → POST the bytes to upload_url → files.completeUploadExternal.

export const fileMethods: Record<string, ApiMethod> = {
  'files.getUploadURLExternal': {
    token: 'bot',
    run: (params, context) => {
      const filename = requiredString(params, 'filename');
      const length = Number(requiredString(params, 'length'));
      if (!Number.isInteger(length) || length < 0) throw new SlackApiError('invalid_arguments', ['length must be a non-negative integer']);
      const id = context.state.ids.file();
      context.state.files.reserve(id, filename, length, optionalString(params, 'alt_txt') ?? optionalString(params, 'alt_text'));
      return { upload_url: context.urls.upload(id), file_id: id };
    },
  },

  'files.completeUploadExternal': {
    token: 'bot',
    run: (params, context) => {
      const files = optionalJson(params, 'files');
      if (!Array.isArray(files) || files.length === 0 || !files.every(isRecord)) {
        throw new SlackApiError('invalid_arguments', ['files must be a non-empty array of { id, title }']);
      }
      const infos = files.map((f) => fileInfo(String(f.id), typeof f.title === 'string' ? f.title : undefined, context));
      const channelId = optionalString(params, 'channel_id') ?? optionalString(params, 'channels');
      if (channelId !== undefined) {
        const channel = context.state.directory.resolveChannel(channelId);
        if (!channel) throw new SlackApiError('channel_not_found');
        const blocks = optionalJson(params, 'blocks', 'invalid_blocks');
        const content = {
          text: optionalString(params, 'initial_comment') ?? '',
          files: infos,
          ...(blocks === undefined ? {} : { blocks: normalizeBlocks(blocks, context.state.ids, MAX_MESSAGE_BLOCKS) }),
        };
        const threadTs = optionalString(params, 'thread_ts');
        const message = context.state.messages.post(channel.id, botAuthor(context), content, threadTs);
        if (!message) throw new SlackApiError('thread_not_found');
      }
      return { files: infos.map((info) => ({ id: info.id, title: info.title })) };
    },
  },
};

function fileInfo(id: string, title: string | undefined, context: ApiContext): FileInfo {
  const file = context.state.files.get(id);
  // Completing a file whose bytes never arrived is a client bug Slack also refuses.
  if (!file?.bytes) throw new SlackApiError('file_not_found', [`file ${id} was not uploaded`]);
  const url = context.urls.file(file.id, file.name);
  return {
    id: file.id,
    name: file.name,
    title: title ?? file.name,
    mimetype: file.mimetype,
    filetype: file.filetype,
    size: file.bytes.length,
    url_private: url,
    permalink: url,
    ...(file.altText ? { alt_text: file.altText } : {}),
  };
}
