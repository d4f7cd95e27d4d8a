// `/perflab report`: the diff report over time as one monospace table, marked
// cases first (the report's own order), with a one-line legend. Intervals and
// p-values stay in `perflab report`; a chat table needs one number a cell.
import type { KnownBlock } from '@slack/types';
import type { DiffCell } from '../../engine/report/diff-cell.js';
import type { DiffReport } from '../../engine/report/diff-report.js';
import { diffArrow } from '../../engine/report/format-diff-cell.js';
import { formatRatio } from '../../engine/report/format-duration.js';
import type { Message } from './block-kit.js';
import { context, header, section } from './block-builders.js';
import { code } from './escape-mrkdwn.js';
import { formatMeasure } from './format-measure.js';
import { codeBlockChunks, monoTable } from './mono-table.js';
import { plural } from './plural.js';

export interface ReportMessageOptions {
  /** Cases listed at most; the rest are counted. Default 60. */
  maxRows?: number;
  /** The pattern the cases were chosen by, to say so. */
  pattern?: string;
  /** The site's overview page, when the site has a public address. */
  pageUrl?: string;
}

/** Three sections of ~3 000 characters stay well inside a message's ~12 000. */
const MAX_TABLE_SECTIONS = 3;

export function reportMessage(report: DiffReport, options: ReportMessageOptions = {}): Message {
  const against = report.points.map((p) => p.label).join(', ');
  const which = options.pattern ? ` matching ${code(options.pattern)}` : '';
  if (report.cases.length === 0) {
    const text = options.pattern ? `No case with a baseline matches ${code(options.pattern)}.` : 'No case has a baseline yet. Run the suites first: `/perflab run all`.';
    return { text, blocks: [section(text)] };
  }
  const count = (mark: DiffCell['mark']) => report.cases.filter((c) => c.cells.some((cell) => cell.mark === mark)).length;
  const regressed = count('regressed');
  const improved = count('improved');
  const headline = regressed > 0 ? `*${plural(regressed, 'case')} regressed*${improved ? `, ${improved} improved` : ''}` : improved > 0 ? `No regression; ${plural(improved, 'case')} improved` : 'No significant change';

  const { sections, listed } = reportTable(report, options.maxRows ?? 60);
  const blocks: KnownBlock[] = [header(`perflab report: latest vs ${against}`), section(`${headline} — ${plural(report.cases.length, 'case')}${which}, marked cases first.`), ...sections];
  const more = report.cases.length - listed;
  blocks.push(
    context([
      `▲/▼ significant (α = ${report.alpha}) and beyond the case's threshold · ? too few runs to tell · — no data that far back${more > 0 ? ` · ${plural(more, 'more case')} not shown` : ''} · ${options.pageUrl ? `<${options.pageUrl}|the pages> chart every case` : '`perflab report` on the CLI adds the intervals'}`,
    ]),
  );
  return { text: `perflab report: ${regressed} regressed, ${improved} improved of ${plural(report.cases.length, 'case')}`, blocks };
}

/** The report's cases as monospace table sections (at most `maxRows` rows, within Slack's limits), and how many rows they hold. */
export function reportTable(report: DiffReport, maxRows: number): { sections: KnownBlock[]; listed: number } {
  const shown = report.cases.slice(0, Math.max(1, maxRows));
  const rows = shown.map((c) => [c.caseId, c.latest ? formatMeasure(c.latest.median, c.unit ?? undefined) : '—', ...c.cells.map(shortCell)]);
  const { head, lines } = monoTable(
    [{ title: 'case', max: 32 }, { title: 'latest', max: 10, align: 'right' }, ...report.points.map((p) => ({ title: `vs ${p.label}`, max: 12, align: 'right' as const }))],
    rows,
  );
  const chunks = codeBlockChunks(head, lines).slice(0, MAX_TABLE_SECTIONS);
  // Each chunk is the heading and its rows.
  const listed = chunks.reduce((n, chunk) => n + chunk.split('\n').length - 1, 0);
  return { sections: chunks.map((chunk) => section(chunk)), listed };
}

/** `+10.3% ▲`, `-0.4%`, `+2.1%?`, `—`: one cell in a dozen characters. */
function shortCell(cell: DiffCell): string {
  switch (cell.mark) {
    case 'no-data':
      return '—';
    case 'insufficient':
      return cell.ratio === null ? '?' : `${formatRatio(cell.ratio)}?`;
    default:
      return [formatRatio(cell.ratio), diffArrow(cell)].filter(Boolean).join(' ');
  }
}
