// Whether a case's history ends in a change of level that nobody was told
// about (issue 13, item 5): a regression that arrived 1% a commit is under the
// threshold at every step, but E-Divisive over the per-run medians sees the
// level move. Pure: the history and the alerts already raised come in, the
// drift to alert (or nothing) goes out.
//
// Only the latest change counts — the one that set the level the case is at
// now. An older change was either alerted then, or has been superseded by a
// later one (a regression that was reverted is no news). A drift spread over
// several commits can come out of E-Divisive as a few change points close
// together in the same direction; they are one drift, and its range is where
// a ramp between the two levels fits (`driftRange`), not where the split fell.
import { isUsable } from '../report/find-run.js';
import { describeDrift } from '../stats/describe-drift.js';
import { driftRange } from '../stats/drift-range.js';
import { eDivisive, type ChangePoint, type EDivisiveOptions } from '../stats/e-divisive.js';
import type { Alert, Drift } from '../model.js';
import type { HistoryEntry } from '../store/store.js';

/**
 * The smallest drift worth an alert, as a relative change of the level:
 * perflab's default regression threshold (3%, `BenchOptions.threshold`), so
 * a drift is alerted when a step of its size would have been.
 */
export const DRIFT_MIN_CHANGE = 0.03;

export interface FindDriftOptions extends Pick<EDivisiveOptions, 'pValue' | 'minSegment'> {
  /** smallest |ratio − 1| alerted, default DRIFT_MIN_CHANGE */
  minChange?: number;
}

/** A time span (UTC ISO, inclusive) in which something moved: an alert's run, or a canary change. */
export interface Span {
  from: string;
  to: string;
}

/**
 * The drift `history` ends in, unless it is too small, or already told:
 * `known` holds the spans of what was alerted about the case (regression and
 * improvement alerts' runs, where regressions were fixed, earlier drifts) and
 * of the machine's own moves (the canary's change points). A drift whose
 * neighbourhood — its runs plus `minSegment` runs either side, as far as
 * E-Divisive's placement can be off — meets one of them is not new.
 *
 * `history` is one case on one machine, oldest first (`Store.history`).
 */
export function findDrift(caseId: string, history: readonly HistoryEntry[], known: readonly Span[], options: FindDriftOptions = {}): Drift | undefined {
  const minSegment = options.minSegment ?? 3;
  const minChange = options.minChange ?? DRIFT_MIN_CHANGE;
  const usable = history.filter(isUsable);
  const medians = usable.map((e) => e.median);
  const changes = eDivisive(medians, { minSegment, ...(options.pValue !== undefined ? { pValue: options.pValue } : {}) });
  const group = latestGroup(changes, minSegment);
  const first = group[0];
  const last = group.at(-1);
  if (!first || !last) return undefined;
  // The level before starts at the change point before the drift, if any; the level after runs to the end.
  const from = changes[changes.indexOf(first) - 1]?.index ?? 0;
  const range = driftRange(medians, from, medians.length, first.index, last.index, { minSegment });
  const ratio = range.meanAfter / range.meanBefore;
  if (Math.abs(ratio - 1) < minChange) return undefined;

  const at = (i: number) => (usable[Math.min(usable.length - 1, Math.max(0, i))] as HistoryEntry).at;
  const near: Span = { from: at(range.start - minSegment), to: at(range.end + minSegment - 1) };
  if (known.some((span) => span.from <= near.to && span.to >= near.from)) return undefined;

  const before = usable[range.start - 1] as HistoryEntry;
  const after = usable[range.end] as HistoryEntry;
  const ends = range.start === range.end ? [range.start] : [range.start, range.end];
  return {
    caseId,
    from: { runId: before.runId, commit: before.commit, at: before.at },
    to: { runId: after.runId, commit: after.commit, at: after.at },
    commits: range.end - range.start + 1,
    meanBefore: range.meanBefore,
    meanAfter: range.meanAfter,
    unit: after.unit ?? 'ns',
    ratio,
    pValue: Math.max(...group.map((c) => c.pValue)),
    summary: describeDrift(ends.map((index) => ({ index, meanBefore: range.meanBefore, meanAfter: range.meanAfter })), usable.map((e) => e.commit ?? e.runId)),
  };
}

/**
 * What `alerts` already told about `caseId`, as spans of time. `runAt` gives
 * a run's time from the case's history on this machine; an alert whose runs
 * are not in it was raised on another machine, or is older than anything the
 * search looks at, and is left out.
 */
export function alertedSpans(caseId: string, alerts: readonly Alert[], runAt: ReadonlyMap<string, string>): Span[] {
  const spans: Span[] = [];
  const atRun = (runId: string) => {
    const at = runAt.get(runId);
    if (at) spans.push({ from: at, to: at });
  };
  for (const alert of alerts) {
    // Another machine's drift is its own (its runs are not in this history).
    if (alert.kind === 'drift' && alert.drift.caseId === caseId && (runAt.has(alert.drift.from.runId) || runAt.has(alert.drift.to.runId))) spans.push({ from: alert.drift.from.at, to: alert.drift.to.at });
    if ((alert.kind === 'regression' || alert.kind === 'improvement') && alert.caseIds.includes(caseId)) {
      atRun(alert.runId);
      // Where a regression went back: that move was told too (the alert closed as fixed).
      if (alert.fixedIn) atRun(alert.fixedIn.runId);
    }
  }
  return spans;
}

/**
 * Where the machine itself moved: the canary's change points, each as the
 * span from its last run at the old level to its first at the new. A case
 * that moved then moved with the machine, not with its code.
 */
export function machineMoves(canaryHistory: readonly HistoryEntry[], options: Pick<FindDriftOptions, 'minSegment'> = {}): Span[] {
  const usable = canaryHistory.filter(isUsable);
  return eDivisive(usable.map((e) => e.median), { minSegment: options.minSegment ?? 3 }).map((c) => ({
    from: (usable[c.index - 1] as HistoryEntry).at,
    to: (usable[c.index] as HistoryEntry).at,
  }));
}

/** The last change point and those just before it in the same direction: one drift. */
function latestGroup(changes: readonly ChangePoint[], minSegment: number): ChangePoint[] {
  const last = changes.at(-1);
  if (!last) return [];
  const group = [last];
  for (let i = changes.length - 2; i >= 0; i--) {
    const c = changes[i] as ChangePoint;
    const next = group[0] as ChangePoint;
    // Segments longer than two minimum ones between them make two changes, not one drift.
    if (next.index - c.index > 2 * minSegment || c.ratio > 1 !== last.ratio > 1) break;
    group.unshift(c);
  }
  return group;
}
