// Numbers for people, in Slack: a measured value in its unit, a change with
// its confidence interval, a p-value. Durations reuse the report's formatter.
import type { Change } from '../../engine/model.js';
import { formatRatio } from '../../engine/report/format-duration.js';

export { formatMeasure } from '../../engine/report/format-measure.js';

/** `+17.9% (CI +12.0% … +24.1%)`. */
export function formatChange(change: Pick<Change, 'ratio' | 'ciLow' | 'ciHigh'>): string {
  if (!Number.isFinite(change.ratio)) return '—';
  const ci = formatCi(change);
  return ci ? `${formatRatio(change.ratio)} (CI ${ci})` : formatRatio(change.ratio);
}

/** `+12.0% … +24.1%`, or '' when the interval is unknown. */
export function formatCi(change: Pick<Change, 'ciLow' | 'ciHigh'>): string {
  return Number.isFinite(change.ciLow) && Number.isFinite(change.ciHigh) ? `${formatRatio(change.ciLow)} … ${formatRatio(change.ciHigh)}` : '';
}

/** `+17.9%`, the change alone. */
export function formatDelta(change: Pick<Change, 'ratio'>): string {
  return Number.isFinite(change.ratio) ? formatRatio(change.ratio) : '—';
}

export function formatP(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  // No `<` here: it is a control character in mrkdwn.
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(2);
}
