// Where a case's level moved, found over the runs of its history: E-Divisive
// (`eDivisive`, DESIGN §5) over the per-run medians of the usable runs, each
// change point mapped back to the run it starts at. The chart draws them as
// rules and `perflab history` marks those runs, from this one function, so
// the two never disagree over the same runs.
import { isUsable } from '../engine/report/find-run.js';
import { eDivisive } from '../engine/stats/e-divisive.js';
import type { HistoryEntry } from '../engine/store/store.js';

export interface HistoryChangePoint {
  /** The first run at the new level. */
  runId: string;
  /** That run's time, UTC ISO. */
  at: string;
  commit: string | null;
  /** Mean of the new level / mean of the old one: 1.058 is +5.8%. */
  ratio: number;
}

/**
 * Change points among `entries` (oldest first, as `Lab.history` returns
 * them). Errored runs and runs without a positive median are left out of the
 * series. Fewer than six usable runs have none (`eDivisive`'s minimum
 * segments of three on each side).
 */
export function historyChangePoints(entries: readonly HistoryEntry[]): HistoryChangePoint[] {
  const usable = entries.filter(isUsable);
  return eDivisive(usable.map((e) => e.median)).map((change) => {
    const first = usable[change.index] as HistoryEntry;
    return { runId: first.runId, at: first.at, commit: first.commit, ratio: change.ratio };
  });
}
