// The readable table: case, median, Δ vs baseline with its CI, verdict.
import { textTable } from './text-table.js';
import pc from 'picocolors';
import type { Comparison, Result, Verdict } from '../model.js';
import { reportedChange } from '../model/comparison.js';
import { formatDuration, formatRatio } from './format-duration.js';

const VERDICT_COLOR: Record<Verdict, (s: string) => string> = {
  regressed: pc.red,
  improved: pc.green,
  unchanged: (s) => s,
  'no-baseline': pc.dim,
  unstable: pc.yellow,
  errored: pc.red,
};

export function formatTable(rows: { result: Result; comparison: Comparison }[]): string {
  const table = textTable(['case', 'median', '± MAD', 'n', 'Δ vs baseline (CI)', 'p', 'verdict']);
  for (const { result, comparison } of rows) {
    const change = reportedChange(comparison);
    const delta = change && Number.isFinite(change.ratio)
      ? `${formatRatio(change.ratio)} (${formatRatio(change.ciLow)} … ${formatRatio(change.ciHigh)})`
      : '';
    const p = change && Number.isFinite(change.pValue) ? change.pValue.toPrecision(2) : '';
    if (result.state === 'errored') {
      table.push([result.caseId, { colSpan: 5, content: truncate(result.error.message, 70) }, VERDICT_COLOR.errored('errored')]);
      continue;
    }
    const s = result.summary;
    table.push([result.caseId, formatDuration(s.median), formatDuration(s.mad), String(s.n), delta, p, VERDICT_COLOR[comparison.verdict](comparison.verdict)]);
  }
  return table.toString();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
