// Which way is better for a case. A history line does not say (it is kept
// small enough to read a year of it), but every ok result's summary does:
// the case's latest usable run is asked. Timings are lower-is-better, so
// that is the answer when no stored result says otherwise.
import type { Direction, RecordedResult } from '../engine/model.js';
import { lastUsableFrom } from '../engine/report/find-run.js';
import type { HistoryEntry } from '../engine/store/store.js';

export type RunResultsReader = (runId: string) => Promise<RecordedResult[]>;

export type DirectionOf = (caseId: string, entries: readonly HistoryEntry[]) => Promise<Direction>;

/**
 * A lookup that reads each run's results at most once, however many cases
 * ask about it: the cases of a report mostly share their latest run.
 */
export function caseDirections(read: RunResultsReader): DirectionOf {
  const runs = new Map<string, Promise<RecordedResult[]>>();
  return async (caseId, entries) => {
    const latest = entries[lastUsableFrom(entries, entries.length - 1)];
    if (!latest) return 'lower';
    let results = runs.get(latest.runId);
    if (!results) {
      results = read(latest.runId);
      runs.set(latest.runId, results);
    }
    const result = (await results).find((r) => r.result.caseId === caseId)?.result;
    return result?.state === 'ok' ? result.summary.direction : 'lower';
  };
}
