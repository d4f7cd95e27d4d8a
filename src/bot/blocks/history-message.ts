// `/perflab history <case>`: where the case stands, a sparkline of its
// medians, and the newest runs as a table.
import type { Baseline } from '../../engine/model.js';
import type { HistoryEntry } from '../../engine/store/store.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, header, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { formatMeasure } from './format-measure.js';
import { codeBlockChunks, monoTable } from './mono-table.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { oneLine, truncate } from './truncate.js';
import { VERDICT_WORD } from './verdict-label.js';

export interface HistoryView {
  caseId: string;
  /** Oldest first, as `Store.history` returns them. */
  entries: readonly HistoryEntry[];
  baseline?: Baseline;
  machine?: string;
  /** The case's page (chart, every run, baselines), when the site has a public address. */
  pageUrl?: string;
}

export interface HistoryMessageOptions {
  /** Newest entries shown in the table. Default: 30. */
  maxRows?: number;
}

const SPARK = '▁▂▃▄▅▆▇█';
const SPARK_POINTS = 40;
const MAX_TABLE_SECTIONS = 3;

export function historyMessage(view: HistoryView, options: HistoryMessageOptions = {}): Message {
  const name = truncate(oneLine(view.caseId), 120);
  const machine = view.machine ? ` on ${code(truncate(view.machine, 80))}` : '';
  if (view.entries.length === 0) {
    return {
      text: `No history for ${escapeMrkdwn(name)} yet`,
      blocks: [section(`No history for ${code(name)}${machine} yet. Measure it with \`/perflab run "${escapeMrkdwn(name.replace(/"/g, "'"))}"\`.`)],
    };
  }
  const newestFirst = [...view.entries].reverse();
  const latest = newestFirst[0];
  const ok = view.entries.filter((e) => e.state === 'ok' && e.median !== undefined && Number.isFinite(e.median));
  const summary = [
    `*Latest:* ${latest ? `${formatMeasure(latest.median, latest.unit)} at ${code(shortCommit(latest.commit))}${latest.verdict ? ` (${VERDICT_WORD[latest.verdict]})` : ''}` : '—'}`,
    view.baseline
      ? `*Baseline:* ${formatMeasure(view.baseline.median, view.baseline.unit)} at ${code(shortCommit(view.baseline.commit))}, accepted by ${formatActor(view.baseline.acceptedBy)}`
      : '*Baseline:* none yet',
  ];
  if (ok.length >= 2) summary.push(`*Trend* (${plural(Math.min(ok.length, SPARK_POINTS), 'run')}): \`${sparkline(ok.slice(-SPARK_POINTS).map((e) => e.median ?? 0))}\``);

  const rows = newestFirst.slice(0, Math.max(1, options.maxRows ?? 30)).map((e) => [
    e.at.replace('T', ' ').slice(0, 16),
    shortCommit(e.commit),
    e.state === 'ok' ? formatMeasure(e.median, e.unit) : 'errored',
    e.cv !== undefined && Number.isFinite(e.cv) ? `${(e.cv * 100).toFixed(1)}%` : '',
    e.verdict ? VERDICT_WORD[e.verdict] : e.state,
    view.baseline?.runId === e.runId ? 'baseline' : e.inWindow ? '' : 'not in window',
  ]);
  const { head, lines } = monoTable(
    [
      { title: 'when (UTC)', max: 16 },
      { title: 'commit', max: 12 },
      { title: 'median', max: 10, align: 'right' },
      { title: 'cv', max: 7, align: 'right' },
      { title: 'verdict', max: 12 },
      { title: '', max: 14 },
    ],
    rows,
  );
  const chunks = codeBlockChunks(head, lines);
  const blocks: KnownBlock[] = [header(`History of ${name}`), section(summary.join('\n')), ...chunks.slice(0, MAX_TABLE_SECTIONS).map((c) => section(c))];
  const shownNote = rows.length < view.entries.length || chunks.length > MAX_TABLE_SECTIONS ? `Newest ${Math.min(rows.length, view.entries.length)} of ${plural(view.entries.length, 'run')}` : plural(view.entries.length, 'run');
  const everything = view.pageUrl ? `<${view.pageUrl}|the case's page> shows every run` : '`perflab history` on the CLI shows everything';
  blocks.push(context([`${shownNote}${machine} · ${everything}`]));
  return { text: `History of ${escapeMrkdwn(name)}: ${plural(view.entries.length, 'run')}`, blocks };
}

/** Medians as bars from lowest (▁) to highest (█); a flat line when nothing moved. */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const top = SPARK.length - 1;
  return values
    .map((v) => (Number.isFinite(v) && high > low ? SPARK[Math.round(((v - low) / (high - low)) * top)] : SPARK[Math.floor(top / 2)]))
    .join('');
}
