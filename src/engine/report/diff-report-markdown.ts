// A diff report as Markdown: for CI job summaries, pull request comments and
// report files. Marked cells say "regressed"/"improved" in words, because a
// Markdown reader has no colours to tell a faster timing from a lower
// throughput.
import type { DiffCell } from './diff-cell.js';
import type { DiffReport } from './diff-report.js';
import { diffArrow, diffLegend, formatDiffCell } from './format-diff-cell.js';
import { formatMeasure } from './format-measure.js';
import { escapeCell, linkCell } from './markdown-cell.js';

export interface DiffReportMarkdownOptions {
  /** A page for a case (e.g. under `PERFLAB_PUBLIC_URL`); its name links there. Default: no links. */
  linkFor?: (caseId: string) => string | undefined;
}

export function diffReportMarkdown(report: DiffReport, options: DiffReportMarkdownOptions = {}): string {
  const count = (mark: DiffCell['mark']) => report.cases.filter((c) => c.cells.some((cell) => cell.mark === mark)).length;
  const regressed = count('regressed');
  const improved = count('improved');
  const headline =
    regressed > 0
      ? `**${regressed} case(s) regressed**${improved > 0 ? `, ${improved} improved` : ''}`
      : improved > 0
        ? `No regression; ${improved} case(s) improved`
        : 'No significant change';
  const lines = [
    `### perflab: diff report at ${report.now.replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `${headline} — ${report.cases.length} case(s), latest results against ${report.points.map((p) => escapeCell(p.label)).join(', ')}.`,
    '',
    `| case | latest | ${report.points.map((p) => `vs ${escapeCell(p.label)}`).join(' | ')} |`,
    `| --- | --- | ${report.points.map(() => '---').join(' | ')} |`,
  ];
  for (const c of report.cases) {
    const name = linkCell(c.caseId, options.linkFor?.(c.caseId)) + (c.direction === 'higher' ? ' (higher is better)' : '');
    const latest = c.latest ? formatMeasure(c.latest.median, c.unit ?? undefined) : '—';
    lines.push(`| ${name} | ${escapeCell(latest)} | ${c.cells.map(markdownCell).join(' | ')} |`);
  }
  lines.push('', ...diffLegend(report).map((line) => `<sub>${escapeHtml(line)}</sub>  `));
  return `${lines.join('\n')}\n`;
}

function markdownCell(cell: DiffCell): string {
  const text = formatDiffCell(cell);
  if (cell.mark === 'regressed' || cell.mark === 'improved') return `**${text}** ${diffArrow(cell)} ${cell.mark}`;
  return cell.mark === 'no-data' ? `_${text}_` : text;
}

/** The legend sits in `<sub>`, where `<` and `&` would be read as HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
