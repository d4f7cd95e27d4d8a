// The compact line a result leaves in its case's history: enough to chart a
// year of it and to build baseline windows, without the samples.
import type { RecordedResult } from '../model.js';
import { toUtcIso } from './month-of.js';
import type { HistoryEntry } from './store.js';

export function toHistoryEntry(recorded: RecordedResult): HistoryEntry {
  const { result } = recorded;
  const entry: HistoryEntry = {
    runId: recorded.runId,
    commit: recorded.commit,
    machine: recorded.machine,
    at: toUtcIso(recorded.recordedAt),
    state: result.state,
    inWindow: recorded.inWindow,
  };
  if (result.state === 'ok') {
    entry.median = result.summary.median;
    entry.cv = result.summary.cv;
    entry.n = result.summary.n;
    entry.unit = result.summary.unit;
  }
  if (recorded.comparison) entry.verdict = recorded.comparison.verdict;
  return entry;
}
