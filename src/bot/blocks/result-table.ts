// Every case of a run, for the thread under the progress message: a compact
// monospace table, split into ``` sections of at most 3000 characters and
// into as many messages as Slack's per-message budget needs.
import type { Comparison, Result } from '../../engine/model.js';
import { reportedChange } from '../../engine/model/comparison.js';
import type { KnownBlock } from '@slack/types';
import { LIMITS, type Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { formatChange, formatMeasure, formatP } from './format-measure.js';
import { codeBlockChunks, monoTable, type MonoColumn } from './mono-table.js';
import { plural } from './plural.js';
import { VERDICT_WORD } from './verdict-label.js';

export interface ResultRow {
  result: Result;
  comparison?: Comparison;
}

const COLUMNS: MonoColumn[] = [
  { title: 'case', max: 48 },
  { title: 'median', max: 10, align: 'right' },
  { title: 'Δ (CI)', max: 34 },
  { title: 'p', max: 7, align: 'right' },
  { title: 'verdict', max: 12 },
];

/** Sections per message: three full ``` sections stay well inside the message budget. */
const SECTIONS_PER_MESSAGE = Math.min(3, Math.floor(LIMITS.messageChars / LIMITS.sectionText));

/** One message per element, to be posted in order in the thread. Never empty. */
export function resultTable(entries: readonly ResultRow[]): Message[] {
  if (entries.length === 0) return [{ text: 'No cases ran.', blocks: [section('No cases ran: nothing matched, or every suite failed to load.')] }];
  const rows = entries.map(({ result, comparison }) => {
    if (result.state === 'errored') return [result.caseId, '—', result.error.message, '', 'errored'];
    const change = comparison && reportedChange(comparison);
    return [
      result.caseId,
      formatMeasure(result.summary.median, result.summary.unit),
      change ? formatChange(change) : '',
      change ? formatP(change.pValue) : '',
      comparison ? VERDICT_WORD[comparison.verdict] : '',
    ];
  });
  const { head, lines } = monoTable(COLUMNS, rows);
  const chunks = codeBlockChunks(head, lines);
  const messages: Message[] = [];
  for (let i = 0; i < chunks.length; i += SECTIONS_PER_MESSAGE) {
    const part = messages.length + 1;
    const parts = Math.ceil(chunks.length / SECTIONS_PER_MESSAGE);
    const blocks: KnownBlock[] = chunks.slice(i, i + SECTIONS_PER_MESSAGE).map((chunk) => section(chunk));
    if (parts > 1) blocks.push(context([`Part ${part} of ${parts}`]));
    messages.push({ text: `Results for ${plural(entries.length, 'case')}${parts > 1 ? ` (part ${part} of ${parts})` : ''}`, blocks });
  }
  return messages;
}
