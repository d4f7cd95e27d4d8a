// A time every reader sees in their own time zone, with UTC text as the
// fallback Slack shows where it cannot render dates (notifications, old clients).
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { oneLine, truncate } from './truncate.js';

export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return escapeMrkdwn(truncate(oneLine(iso), 40));
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${utcText(ms)}>`;
}

/** `2024-05-01 14:03 UTC`: for plain text (fallbacks, tables). */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
