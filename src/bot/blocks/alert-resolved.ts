// The same alert after someone acted on it: the body stays, the buttons go,
// and a line says who did what and when. An alert under investigation keeps
// Accept / Dismiss / Re-run: `investigating` is not final, and without them
// nobody could close the alert from the channel.
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { actionsFor, alertActions } from './alert-actions.js';
import { alertBody, alertHeadline, DEFAULT_MAX_CASES, type AlertView } from './alert-body.js';
import type { AlertMessageOptions } from './alert-message.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { shortCommit } from './short-commit.js';
import { slackDate } from './slack-date.js';
import { truncate } from './truncate.js';

/** What happened to the alert. `by` and `assignee` are Slack user ids (`U…`, `slack:U…`) or actors like `cli:alice`. */
export type AlertOutcome =
  | { state: 'accepted'; by: string; at: string; reason?: string }
  | { state: 'dismissed'; by: string; at: string; reason?: string }
  | { state: 'investigating'; by: string; at: string; assignee?: string; note?: string }
  /** `measured`: perflab closed it, having measured its cases back at the old level at `commit`. */
  | { state: 'fixed'; by: string; at: string; commit?: string | null; measured?: boolean };

// Characters of the investigation line; the whole note stays in the audit log.
const NOTE_MAX = 1300;

export function alertResolved(view: AlertView, outcome: AlertOutcome, options: AlertMessageOptions = {}): Message {
  const blocks: KnownBlock[] = alertBody(view, options.maxCases ?? DEFAULT_MAX_CASES);
  const who = formatActor(outcome.by);
  const when = slackDate(outcome.at);
  switch (outcome.state) {
    case 'accepted':
      blocks.push(context([view.alert.kind === 'finding' ? `:white_check_mark: Marked as known by ${who} · ${when}` : `:white_check_mark: Accepted as the new baseline by ${who} · ${when}${reasonText(outcome.reason)}`]));
      break;
    case 'dismissed':
      blocks.push(context([`:see_no_evil: Dismissed as noise by ${who} · ${when}${reasonText(outcome.reason)}`]));
      break;
    case 'fixed':
      blocks.push(context([outcome.measured
        ? `:white_check_mark: Fixed: measured back at the old level${outcome.commit ? ` at ${code(shortCommit(outcome.commit))}` : ''} · ${when}`
        : `:hammer_and_wrench: Marked fixed${outcome.commit ? ` in ${code(shortCommit(outcome.commit))}` : ''} by ${who} · ${when}`]));
      break;
    case 'investigating': {
      const assignee = formatActor(outcome.assignee ?? outcome.by);
      const note = outcome.note?.trim() ? ` — ${escapeMrkdwn(truncate(outcome.note.trim(), NOTE_MAX))}` : '';
      blocks.push(section(truncate(`:mag: *Investigating:* ${assignee}${note}`, NOTE_MAX)));
      blocks.push(context([`Set by ${who} · ${when}`]));
      blocks.push(alertActions(view, actionsFor(view).filter((action) => action !== 'investigate'), options.sign));
      break;
    }
  }
  return { text: fallback(view, outcome), blocks };
}

function reasonText(reason: string | undefined): string {
  return reason?.trim() ? ` — ${escapeMrkdwn(truncate(reason.trim().replace(/\s+/g, ' '), 300))}` : '';
}

function fallback(view: AlertView, outcome: AlertOutcome): string {
  const verb = { accepted: 'Accepted', dismissed: 'Dismissed', investigating: 'Investigating', fixed: 'Fixed' }[outcome.state];
  const who = formatActor(outcome.state === 'investigating' ? (outcome.assignee ?? outcome.by) : outcome.by);
  return `${verb} (${who}): ${escapeMrkdwn(truncate(alertHeadline(view), 200))}`;
}
