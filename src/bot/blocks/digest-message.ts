// The weekly digest in the alerts channel: what moved against a week, a
// month and a year ago, biggest first, as one monospace table; the movers'
// chart follows in the thread. Pure.
import type { KnownBlock } from '@slack/types';
import { digestHeadline, type Digest } from '../../engine/report/digest.js';
import type { Message } from './block-kit.js';
import { context, header, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { reportTable } from './report-message.js';

export function digestMessage(digest: Digest): Message {
  const title = `perflab digest: week to ${digest.at.slice(0, 10)}`;
  const headline = escapeMrkdwn(digestHeadline(digest));
  const moved = digest.report.cases.length;
  if (moved === 0) {
    const blocks: KnownBlock[] = [header(title), section(`${headline} Nothing to chart this week.`)];
    return { text: `${title}: ${digestHeadline(digest)}`, blocks };
  }
  const { sections } = reportTable(digest.report, moved);
  const which = digest.pattern ? ` · cases matching ${code(digest.pattern)}` : '';
  const blocks: KnownBlock[] = [
    header(title),
    section(`*${headline}*`),
    ...sections,
    context([
      `▲/▼ significant (α = ${digest.report.alpha}) and beyond the case's threshold · — no data that far back${digest.notShown > 0 ? ` · ${plural(digest.notShown, 'more mover')} not shown` : ''}${which} · chart in the thread · \`perflab digest\` or \`perflab report\` on the CLI for all of it`,
    ]),
  ];
  return { text: `${title}: ${digestHeadline(digest)}`, blocks };
}
