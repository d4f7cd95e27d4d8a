// Diff reports over time (DESIGN §9a): per case, the latest results against
// the run nearest to (at or before) each point — the previous run, a day, a
// week, a month, a year ago, a date or a commit. Pure: the caller reads the
// histories (`Store.history`) and resolves refs; this decides and sorts.
// How one cell is decided is in diff-cell.ts.
import type { Direction } from '../model.js';
import type { HistoryEntry } from '../store/store.js';
import { diffCell, type DiffCell, type DiffRun, type NoDataCell } from './diff-cell.js';
import { lastUsableAtOrBefore, lastUsableFrom, lastUsableOfCommit, nearbyRuns } from './find-run.js';
import { DEFAULT_VS_POINTS, type ResolvedVsPoint, vsPointLabel } from './vs-point.js';

/** What the report reads of a history entry; `Store.history` entries fit as they are. */
export type DiffHistoryEntry = Pick<HistoryEntry, 'runId' | 'commit' | 'at' | 'state' | 'median' | 'unit'>;

export interface DiffCaseInput {
  caseId: string;
  /** Smallest relative change worth marking, e.g. 0.03 for 3% (the case's `threshold`). */
  threshold: number;
  direction: Direction;
  /**
   * Oldest first, as `Store.history` returns it: what the points reach back to
   * and the last `window` runs before that, no less. Errored entries and ones
   * without a positive median are skipped. `inWindow` is not consulted: the
   * runs after a confirmed regression stay out of the baseline window until
   * someone accepts it, and they are exactly what this report must show.
   */
  history: readonly DiffHistoryEntry[];
}

export interface DiffReportInput {
  /** The instant `day`, `week` … count back from. */
  now: Date | string;
  cases: readonly DiffCaseInput[];
}

export interface DiffReportOptions {
  /** The points to compare with, in column order; default `DEFAULT_VS_POINTS` (previous, day, week, month, year). */
  points?: readonly ResolvedVsPoint[];
  /** Runs per side at most, 2…30; default 5. */
  window?: number;
  /**
   * Two-sided significance level of the Mann–Whitney test, and 1 − the CI's
   * confidence; default 0.01. A report makes ~1 000 tests (200 cases × 5
   * points): at 0.05 an A/A history with 2% run-to-run noise marks ~4% of
   * cases, at 0.01 under 1%, while a 10% step is still marked ~99% of the time.
   */
  alpha?: number;
}

interface ResolvedDiffReportOptions {
  points: readonly ResolvedVsPoint[];
  window: number;
  alpha: number;
}

const MAX_WINDOW = 30;

/** Runs per side unless `window` says otherwise. */
export const DEFAULT_DIFF_WINDOW = 5;

function resolveDiffReportOptions(options: DiffReportOptions): ResolvedDiffReportOptions {
  const resolved = { points: options.points ?? DEFAULT_VS_POINTS, window: options.window ?? DEFAULT_DIFF_WINDOW, alpha: options.alpha ?? 0.01 };
  if (!Number.isInteger(resolved.window) || resolved.window < 2 || resolved.window > MAX_WINDOW) {
    throw new RangeError(`window must be a whole number of runs from 2 to ${MAX_WINDOW}, got ${resolved.window}`);
  }
  if (!(resolved.alpha > 0 && resolved.alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${resolved.alpha}`);
  if (resolved.points.length === 0) throw new RangeError('a diff report needs at least one point to compare with');
  const labels = resolved.points.map(vsPointLabel);
  const twice = labels.find((label, i) => labels.indexOf(label) !== i);
  if (twice !== undefined) throw new RangeError(`the point "${twice}" is asked for twice`);
  return resolved;
}

/** A point as the report states it: its label, and the instant or commit it stood for. */
export interface DiffPoint {
  label: string;
  kind: ResolvedVsPoint['kind'];
  /** UTC ISO instant for `ago` and `date` points, else null. */
  at: string | null;
  /** Full SHA for `commit` points, else null. */
  commit: string | null;
}

export interface DiffCaseReport {
  caseId: string;
  /** Unit of the latest result's median; null when the case has no ok result. */
  unit: string | null;
  direction: Direction;
  threshold: number;
  /** The latest ok run, or null. */
  latest: (DiffRun & { median: number }) | null;
  /** One per point, in the report's point order. */
  cells: DiffCell[];
}

export interface DiffReport {
  /** UTC ISO. */
  now: string;
  alpha: number;
  window: number;
  points: DiffPoint[];
  /** Cases with a regressed or improved cell first, by their largest |log ratio| among those cells; then the rest by case id. */
  cases: DiffCaseReport[];
}

/**
 * Compares each case's latest results with each point. O(cases × points ×
 * (log history + window)), plus the unusable entries stepped over near each
 * point; only `commit` points scan a history, once each.
 *
 * @throws RangeError on bad options, a threshold that is not > 0, or an unreadable `now`.
 */
export function diffReport(input: DiffReportInput, options: DiffReportOptions = {}): DiffReport {
  const { points, window, alpha } = resolveDiffReportOptions(options);
  const nowMs = typeof input.now === 'string' ? Date.parse(input.now) : input.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not a time: ${String(input.now)}`);
  const stated = points.map((point) => statePoint(point, nowMs));

  const cases = input.cases.map((c): DiffCaseReport => {
    if (!(c.threshold > 0 && Number.isFinite(c.threshold))) throw new RangeError(`${c.caseId}: threshold must be > 0, got ${c.threshold}`);
    const { history } = c;
    const last = lastUsableFrom(history, history.length - 1);
    const rule = { window, alpha, threshold: c.threshold, direction: c.direction };
    const cells = points.map((point, i): DiffCell => {
      const label = (stated[i] as DiffPoint).label;
      if (last < 0) return noData(label, 'no-latest');
      const matched = matchPoint(history, last, point, nowMs);
      if (matched < 0) return noData(label, point.kind === 'previous' ? 'no-earlier-run' : point.kind === 'commit' ? 'commit-not-run' : 'too-far-back');
      const near = nearbyRuns(history, matched, last, window);
      return diffCell(label, near.runs, near.matched, near.latest, rule);
    });
    const latestRun = history[last];
    const latest = latestRun?.median === undefined ? null : { runId: latestRun.runId, commit: latestRun.commit, at: latestRun.at, median: latestRun.median };
    return { caseId: c.caseId, unit: latest ? (latestRun?.unit ?? null) : null, direction: c.direction, threshold: c.threshold, latest, cells };
  });

  return { now: new Date(nowMs).toISOString(), alpha, window, points: stated, cases: sortCases(cases) };
}

/** Index in `history` of the usable run standing for the point, or -1. */
function matchPoint(history: readonly DiffHistoryEntry[], last: number, point: ResolvedVsPoint, nowMs: number): number {
  switch (point.kind) {
    case 'previous':
      return lastUsableFrom(history, last - 1);
    case 'ago':
      return lastUsableAtOrBefore(history, nowMs - point.ms);
    case 'date':
      return lastUsableAtOrBefore(history, Date.parse(point.at));
    case 'commit':
      return lastUsableOfCommit(history, point.commit);
  }
}

function statePoint(point: ResolvedVsPoint, nowMs: number): DiffPoint {
  const label = vsPointLabel(point);
  switch (point.kind) {
    case 'previous':
      return { label, kind: point.kind, at: null, commit: null };
    case 'ago':
      return { label, kind: point.kind, at: new Date(nowMs - point.ms).toISOString(), commit: null };
    case 'date':
      return { label, kind: point.kind, at: point.at, commit: null };
    case 'commit':
      return { label, kind: point.kind, at: null, commit: point.commit };
  }
}

function noData(point: string, reason: NoDataCell['reason']): NoDataCell {
  return { point, mark: 'no-data', reason, run: null, ratio: null, ciLow: null, ciHigh: null, pValue: null, runs: { latest: 0, point: 0 } };
}

/** The largest |log ratio| among the case's regressed or improved cells; -1 when none is marked. */
function markedSize(c: DiffCaseReport): number {
  let size = -1;
  for (const cell of c.cells) {
    if (cell.mark === 'regressed' || cell.mark === 'improved') size = Math.max(size, Math.abs(Math.log(cell.ratio)));
  }
  return size;
}

function sortCases(cases: DiffCaseReport[]): DiffCaseReport[] {
  const keyed = cases.map((c) => ({ c, size: markedSize(c) }));
  keyed.sort((a, b) => b.size - a.size || (a.c.caseId < b.c.caseId ? -1 : a.c.caseId > b.c.caseId ? 1 : 0));
  return keyed.map(({ c }) => c);
}
