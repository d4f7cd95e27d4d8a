// Who did it, as mrkdwn: Slack users become mentions Slack renders with the
// person's current name; anyone else (CLI, CI, perflab) is plain escaped text.
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { oneLine, truncate } from './truncate.js';

const SLACK_USER = /^(?:slack:)?([UW][A-Z0-9]{6,20})$/;

/** Slack user ids look like `U012AB3CD` (or `W…` on Enterprise Grid). */
export function isSlackUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{6,20}$/.test(id);
}

/** `U123` or `slack:U123` → `<@U123>`; `cli:alice` → `alice (CLI)`; anything else escaped. */
export function formatActor(actor: string): string {
  const user = SLACK_USER.exec(actor);
  if (user) return `<@${user[1]}>`;
  const origin = /^(cli|ci):(.+)$/s.exec(actor);
  if (origin?.[1] && origin[2]) return `${escapeMrkdwn(truncate(oneLine(origin[2]), 60))} (${origin[1].toUpperCase()})`;
  return escapeMrkdwn(truncate(oneLine(actor), 60)) || 'someone';
}
