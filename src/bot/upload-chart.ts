// A chart as an image in a channel or a thread. filesUploadV2 is three calls:
// files.getUploadURLExternal, a POST of the bytes to the URL it returns, and
// files.completeUploadExternal, which shares the file where it is asked to.
import type { App } from '@slack/bolt';
import { truncate } from './blocks/truncate.js';

type WebClient = App['client'];

export interface ChartUpload {
  channel: string;
  /** Into this message's thread; default: the channel itself. */
  threadTs?: string;
  png: Buffer;
  /** Shown with the image and read out as its alt text. */
  title: string;
  /** Starts the file name (`perflab-<prefix>-<title>.png`): an alert id, `chart`. */
  prefix: string;
  /** A message posted with the file (mrkdwn). */
  comment?: string;
}

// Slack refuses alt text over 1000 characters (alt_txt_too_large).
const ALT_TEXT_MAX = 1000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** @throws TypeError when `png` is not a PNG; whatever the Web API throws otherwise. */
export async function uploadChart(client: WebClient, upload: ChartUpload): Promise<void> {
  if (!isPng(upload.png)) throw new TypeError(`the chart "${upload.title}" is not a PNG (${upload.png.length} bytes)`);
  const title = upload.title.trim() || 'Chart';
  const file = {
    channel_id: upload.channel,
    ...(upload.comment ? { initial_comment: upload.comment } : {}),
    file: upload.png,
    filename: chartFilename(upload.prefix, title),
    title,
    alt_text: truncate(title, ALT_TEXT_MAX),
  };
  // Two calls, as Slack's types want a thread_ts that is there or absent, never undefined.
  if (upload.threadTs) await client.filesUploadV2({ ...file, thread_ts: upload.threadTs });
  else await client.filesUploadV2(file);
}

function isPng(bytes: Buffer): boolean {
  return bytes.length > PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
}

/** `perflab-al-1-json-parse-1mb.png`: Slack takes the file type from the extension, and people see the name on download. */
function chartFilename(prefix: string, title: string): string {
  const slug = `${prefix}-${title}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '');
  return `perflab-${slug}.png`;
}
