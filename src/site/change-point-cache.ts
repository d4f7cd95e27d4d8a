// Change points of a case's whole history, remembered between page views.
// Finding them over a year of runs (E-Divisive over 18,000 medians) takes a
// few hundred milliseconds on a small machine, and the answer only changes
// when the history does: a history is append-only, so its length and its
// newest run identify it. The first view after a new run pays once.
import type { HistoryEntry } from '../engine/store/store.js';
import { historyChangePoints, type HistoryChangePoint } from '../lab/history-change-points.js';

const memo = new WeakMap<object, Map<string, { key: string; points: HistoryChangePoint[] }>>();

/** `historyChangePoints(entries)`, remembered per lab and case until the history grows. */
export function cachedChangePoints(lab: object, caseId: string, entries: readonly HistoryEntry[]): HistoryChangePoint[] {
  let cases = memo.get(lab);
  if (!cases) memo.set(lab, (cases = new Map()));
  const key = `${entries.length}:${entries.at(-1)?.runId ?? ''}:${entries[0]?.runId ?? ''}`;
  const known = cases.get(caseId);
  if (known?.key === key) return known.points;
  const points = historyChangePoints(entries);
  cases.set(caseId, { key, points });
  return points;
}
