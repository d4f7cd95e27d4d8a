// `<url|label>` only for http(s) URLs that cannot break out of the link
// syntax; anything else is shown as escaped text, never as a link.
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { oneLine, truncate } from './truncate.js';

export function slackLink(url: string, label: string): string {
  if (/^https?:\/\/[^\s<>|]+$/.test(url) && url.length <= 2000) {
    return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(oneLine(label)).replace(/\|/g, '¦')}>`;
  }
  return escapeMrkdwn(truncate(oneLine(url), 200));
}
