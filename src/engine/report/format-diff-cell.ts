// The words and numbers of a diff-report cell, shared by the terminal table
// and the Markdown so that both say the same thing the same way.
import type { DiffCell } from './diff-cell.js';
import type { DiffReport } from './diff-report.js';
import { formatRatio } from './format-duration.js';

/** `+4.2% (+1.1…+7.0)`: the change and its CI; words where there is no number to give. No mark. */
export function formatDiffCell(cell: DiffCell): string {
  switch (cell.mark) {
    case 'no-data':
      return NO_DATA[cell.reason];
    case 'insufficient':
      if (cell.ratio === null) return 'no run since';
      return `${formatRatio(cell.ratio)} (too few runs)`;
    default:
      return `${formatRatio(cell.ratio)} (${percentNumber(cell.ciLow)}…${percentNumber(cell.ciHigh)})`;
  }
}

const NO_DATA: Record<Extract<DiffCell, { mark: 'no-data' }>['reason'], string> = {
  'too-far-back': 'no data that far back',
  'no-earlier-run': 'no earlier run',
  'commit-not-run': 'no run of this commit',
  'no-latest': 'no ok result',
};

/** ▲ or ▼, the way the number moved, for a regressed or improved cell; '' otherwise. */
export function diffArrow(cell: DiffCell): string {
  if (cell.mark !== 'regressed' && cell.mark !== 'improved') return '';
  return cell.ratio >= 1 ? '▲' : '▼';
}

/** `+1.1` for a ratio of 1.011: `formatRatio` without its `%`, for the ends of an interval. */
function percentNumber(ratio: number): string {
  return formatRatio(ratio).slice(0, -1);
}

/** What the marks, ranges, words and points mean, in sentences; the same for every renderer. */
export function diffLegend(report: Pick<DiffReport, 'alpha' | 'window' | 'points'>): string[] {
  const confidence = `${+((1 - report.alpha) * 100).toFixed(2)}%`;
  return [
    `▲/▼: significant (two-sided Mann–Whitney on per-run medians, α = ${report.alpha}) and beyond the case's threshold; each side is up to ${report.window} runs: the latest ones, and the ones around the run matched to the point.`,
    `Ranges: ${confidence} confidence interval of the change (Hodges–Lehmann). "too few runs": a side has too few runs for any difference to be significant; "no run since": the latest run is older than the point.`,
    `Points: ${report.points.map(describePoint).join('; ')}.`,
  ];
}

function describePoint(point: DiffReport['points'][number]): string {
  switch (point.kind) {
    case 'previous':
      return `${point.label} = the run before the latest`;
    case 'ago':
    case 'date':
      return `${point.label} = the last run at or before ${(point.at ?? '').replace('T', ' ').slice(0, 16)} UTC`;
    case 'commit':
      return `${point.label} = the last run of ${(point.commit ?? '').slice(0, 12)}`;
  }
}
