// A diff report for the terminal: one row per case, one column per point,
// then the legend.
import pc from 'picocolors';
import type { DiffCell } from './diff-cell.js';
import type { DiffReport } from './diff-report.js';
import { diffArrow, diffLegend, formatDiffCell } from './format-diff-cell.js';
import { formatMeasure } from './format-measure.js';
import { textTable } from './text-table.js';

export interface DiffReportTableOptions {
  /** Red for regressed cells, green for improved ones; default: when the terminal supports it (picocolors decides). */
  color?: boolean;
}

export function diffReportTable(report: DiffReport, options: DiffReportTableOptions = {}): string {
  const colors = pc.createColors(options.color ?? pc.isColorSupported);
  const paint = (cell: DiffCell, text: string): string =>
    cell.mark === 'regressed' ? colors.red(text) : cell.mark === 'improved' ? colors.green(text) : cell.mark === 'no-data' ? colors.dim(text) : text;

  const table = textTable(['case', 'latest', ...report.points.map((point) => `vs ${point.label}`)]);
  for (const c of report.cases) {
    const name = c.direction === 'higher' ? `${c.caseId} (higher is better)` : c.caseId;
    const latest = c.latest ? formatMeasure(c.latest.median, c.unit ?? undefined) : '—';
    table.push([name, latest, ...c.cells.map((cell) => paint(cell, [formatDiffCell(cell), diffArrow(cell)].filter(Boolean).join(' ')))]);
  }
  const legend = diffLegend(report).map((line) => colors.dim(line));
  return `${table.toString()}\n${legend.join('\n')}\n`;
}
