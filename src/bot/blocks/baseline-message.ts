// `/perflab baseline <case>`: the accepted reference, who accepted it, when
// and why, and the ones before it.
import type { Baseline } from '../../engine/model.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, fieldsSection, header, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { formatMeasure } from './format-measure.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { slackDate } from './slack-date.js';
import { oneLine, truncate } from './truncate.js';

export interface BaselineView {
  caseId: string;
  /** The current baseline on this machine, if any. */
  baseline?: Baseline;
  /** Every baseline accepted for the case, oldest first (the current one last), as `Store.baselineHistory` returns them. */
  history?: readonly Baseline[];
  machine?: string;
}

const PREVIOUS_SHOWN = 5;

export function baselineMessage(view: BaselineView): Message {
  const name = truncate(oneLine(view.caseId), 120);
  const machine = view.machine ? ` on ${code(truncate(view.machine, 80))}` : '';
  const b = view.baseline;
  if (!b) {
    return {
      text: `No baseline for ${escapeMrkdwn(name)} yet`,
      blocks: [
        section(
          `No baseline for ${code(name)}${machine} yet. The first good run becomes one; until then, results show as \`no baseline\`.`,
        ),
      ],
    };
  }
  const blocks: KnownBlock[] = [
    header(`Baseline of ${name}`),
    fieldsSection([
      `*Median*\n${formatMeasure(b.median, b.unit)}`,
      `*Commit*\n${code(shortCommit(b.commit))}`,
      `*Accepted by*\n${formatActor(b.acceptedBy)}`,
      `*When*\n${slackDate(b.acceptedAt)}`,
      `*Run*\n${code(truncate(b.runId, 60))}`,
      `*Machine*\n${code(truncate(b.machine, 80))}`,
    ]),
  ];
  if (b.reason.trim()) blocks.push(section(`*Why:* ${escapeMrkdwn(truncate(oneLine(b.reason), 500))}`));
  const previous = (view.history ?? []).filter((h) => h.runId !== b.runId || h.acceptedAt !== b.acceptedAt).reverse();
  if (previous.length > 0) {
    const lines = previous
      .slice(0, PREVIOUS_SHOWN)
      .map((h) => `• ${formatMeasure(h.median, h.unit)} at ${code(shortCommit(h.commit))} — ${formatActor(h.acceptedBy)}, ${slackDate(h.acceptedAt)}${h.reason.trim() ? `: ${escapeMrkdwn(truncate(oneLine(h.reason), 120))}` : ''}`);
    if (previous.length > PREVIOUS_SHOWN) lines.push(`…and ${plural(previous.length - PREVIOUS_SHOWN, 'older one', 'older ones')}`);
    blocks.push(section(`*Before:*\n${lines.join('\n')}`));
  }
  blocks.push(context([`Accept a new one with the *Accept as new baseline* button on an alert${view.machine ? ` · machine ${code(truncate(view.machine, 80))}` : ''}`]));
  return { text: `Baseline of ${escapeMrkdwn(name)}: ${formatMeasure(b.median, b.unit)} (${shortCommit(b.commit)})`, blocks };
}
