// `/perflab compare A B`: B relative to A, case by case, the changes first.
// Takes the shape of the bench mode's compare report without importing it.
import type { Change, Verdict } from '../../engine/model.js';
import { reportedChange } from '../../engine/model/comparison.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, header, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatCi, formatDelta, formatP } from './format-measure.js';
import { codeBlockChunks, monoTable } from './mono-table.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { oneLine, truncate } from './truncate.js';
import { VERDICT_WORD, verdictLabel } from './verdict-label.js';

export interface CompareCaseView {
  caseId: string;
  verdict: Verdict;
  change?: Change;
  reason: string;
}

export interface CompareView {
  refA: string;
  refB: string;
  commitA: string;
  commitB: string;
  comparisons: readonly CompareCaseView[];
  onlyA?: readonly string[];
  onlyB?: readonly string[];
  suiteErrors?: readonly { side: 'A' | 'B'; file: string; error: { message: string } }[];
}

const ORDER: Verdict[] = ['regressed', 'errored', 'improved', 'unstable', 'no-baseline', 'unchanged'];
const MAX_TABLE_SECTIONS = 2;
const MAX_REASONS = 5;
const MAX_ERRORS = 5;
/** Per line of the reasons, errors and "only in" lists, once escaped: keeps the whole message inside its budget. */
const LINE_MAX = 280;

export function compareMessage(view: CompareView): Message {
  const a = truncate(oneLine(view.refA), 60);
  const b = truncate(oneLine(view.refB), 60);
  const sorted = [...view.comparisons].sort((x, y) => ORDER.indexOf(x.verdict) - ORDER.indexOf(y.verdict));
  const counts = ORDER.filter((v) => sorted.some((c) => c.verdict === v)).map((v) => `${sorted.filter((c) => c.verdict === v).length} ${VERDICT_WORD[v]}`);
  const summary = `${plural(sorted.length, 'case')}${counts.length ? `: ${counts.join(' · ')}` : ''}`;
  const blocks: KnownBlock[] = [
    header(`${b} vs ${a}`),
    section(`${code(b)} (${code(shortCommit(view.commitB))}) relative to ${code(a)} (${code(shortCommit(view.commitA))}), measured interleaved on one machine.\n${summary}`),
  ];

  if (sorted.length > 0) {
    const rows = sorted.map((c) => {
      const change = reportedChange(c);
      return [
        c.caseId,
        change ? formatDelta(change) : '',
        change ? formatCi(change) : '',
        change ? formatP(change.pValue) : '',
        c.change ? String(c.change.runs) : '',
        VERDICT_WORD[c.verdict],
      ];
    });
    const { head, lines } = monoTable(
      [
        { title: 'case', max: 48 },
        { title: 'B/A', max: 9, align: 'right' },
        { title: 'CI', max: 22 },
        { title: 'p', max: 7, align: 'right' },
        { title: 'runs', max: 4, align: 'right' },
        { title: 'verdict', max: 12 },
      ],
      rows,
    );
    const chunks = codeBlockChunks(head, lines);
    blocks.push(...chunks.slice(0, MAX_TABLE_SECTIONS).map((chunk) => section(chunk)));
    if (chunks.length > MAX_TABLE_SECTIONS) blocks.push(context(['…more cases than fit here: `perflab compare` on the CLI lists them all']));
  }

  const notable = sorted.filter((c) => c.verdict !== 'unchanged');
  if (notable.length > 0) {
    const lines = notable.slice(0, MAX_REASONS).map((c) => truncate(`${verdictLabel(c.verdict)} ${code(truncate(oneLine(c.caseId), 80))}: ${escapeMrkdwn(truncate(oneLine(c.reason), 200))}`, LINE_MAX));
    if (notable.length > MAX_REASONS) lines.push(`…and ${notable.length - MAX_REASONS} more`);
    blocks.push(section(lines.join('\n')));
  }

  const errors = view.suiteErrors ?? [];
  if (errors.length > 0) {
    const lines = errors
      .slice(0, MAX_ERRORS)
      .map((e) => truncate(`:x: ${code(e.side === 'A' ? a : b)} ${code(truncate(oneLine(e.file), 100))}: ${escapeMrkdwn(truncate(oneLine(e.error.message), 200))}`, LINE_MAX));
    if (errors.length > MAX_ERRORS) lines.push(`…and ${errors.length - MAX_ERRORS} more suite errors`);
    blocks.push(section(lines.join('\n')));
  }

  const only = [onlyLine(a, view.onlyA), onlyLine(b, view.onlyB)].filter((s): s is string => s !== undefined);
  if (only.length > 0) blocks.push(context(only));
  return { text: escapeMrkdwn(`${b} vs ${a}: ${summary}`), blocks };
}

function onlyLine(ref: string, ids: readonly string[] | undefined): string | undefined {
  if (!ids || ids.length === 0) return undefined;
  const shown = ids.slice(0, 5).map((id) => code(truncate(oneLine(id), 60)));
  const more = ids.length > 5 ? ` and ${ids.length - 5} more` : '';
  return `${truncate(`Only in ${code(ref)}: ${shown.join(', ')}`, 2 * LINE_MAX)}${more}`;
}
