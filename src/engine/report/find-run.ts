// Finding, in a case's history (oldest first), the runs a diff-report cell
// rests on. A year of one case is ~18 000 entries and a report asks five
// points of 200 cases, so nothing here walks the whole history except a
// commit lookup: a point is a binary search by time, and its windows are
// gathered by stepping over the few unusable entries (errored, no median)
// around it. Even a filter of every history costs more than the rest of the
// report together.

/** What the search reads of a history entry. */
export interface HistoryRun {
  /** UTC ISO (any form `Date.parse` reads). */
  at: string;
  commit: string | null;
  state: 'ok' | 'errored';
  median?: number;
}

/** A run ratios can use: ok, with a finite median > 0. */
export type Usable<R extends HistoryRun> = R & { state: 'ok'; median: number };

export function isUsable<R extends HistoryRun>(run: R): run is Usable<R> {
  return run.state === 'ok' && run.median !== undefined && run.median > 0 && Number.isFinite(run.median);
}

/** Index of the last usable run at or before `index`, or -1. */
export function lastUsableFrom(history: readonly HistoryRun[], index: number): number {
  let i = Math.min(index, history.length - 1);
  while (i >= 0 && !isUsable(history[i] as HistoryRun)) i--;
  return i;
}

/** Index of the last usable run at or before `ms` (epoch ms), or -1. */
export function lastUsableAtOrBefore(history: readonly HistoryRun[], ms: number): number {
  let lo = 0;
  let hi = history.length; // the first entry later than ms lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse((history[mid] as HistoryRun).at) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lastUsableFrom(history, lo - 1);
}

/** Index of the last usable run of `commit` (a full SHA), or -1. Linear: commits are not ordered by anything we can search. */
export function lastUsableOfCommit(history: readonly HistoryRun[], commit: string): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const run = history[i] as HistoryRun;
    if (run.commit === commit && isUsable(run)) return i;
  }
  return -1;
}

/**
 * The usable runs a cell for `history[matched]` against `history[latest]`
 * can draw on, in order: up to `window − 1` before the matched run, the
 * matched run, up to `window − 1` after it that the latest side will not
 * take, and up to `window` ending at the latest. `matched` and `latest` are
 * their positions in `runs`. Windowing these gives what windowing every
 * usable run would (`diffWindows` never reaches further).
 */
export function nearbyRuns<R extends HistoryRun>(history: readonly R[], matched: number, latest: number, window: number): { runs: Usable<R>[]; matched: number; latest: number } {
  const latestSide: Usable<R>[] = [];
  let i = latest;
  for (; i > matched && latestSide.length < window; i--) {
    const run = history[i] as R;
    if (isUsable(run)) latestSide.push(run);
  }
  const between: Usable<R>[] = [];
  for (let k = matched + 1; k <= i && between.length < window - 1; k++) {
    const run = history[k] as R;
    if (isUsable(run)) between.push(run);
  }
  const before: Usable<R>[] = [];
  for (let k = matched - 1; k >= 0 && before.length < window - 1; k--) {
    const run = history[k] as R;
    if (isUsable(run)) before.push(run);
  }
  const runs = [...before.reverse(), history[matched] as Usable<R>, ...between, ...latestSide.reverse()];
  return { runs, matched: before.length, latest: runs.length - 1 };
}
