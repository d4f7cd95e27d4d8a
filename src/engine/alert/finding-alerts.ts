// Findings of a stress or fuzz run become store records and, when something is
// new (or a fixed bug is back), one alert for the run. A finding seen before
// only counts another sighting: the team is told once, not a hundred times.
import type { Alert, FindingReport, Run } from '../model.js';
import type { FindingSighting, Store } from '../store/store.js';

export interface RecordedFindings {
  sightings: FindingSighting[];
  /** Set when at least one finding is new or regressed; already stored, not yet posted. */
  alert?: Alert;
}

export async function recordFindings(store: Store, run: Pick<Run, 'id' | 'commit'>, reports: readonly FindingReport[]): Promise<RecordedFindings> {
  const sightings = await recordSightings(store, run, reports);
  const alert = await raiseFindingAlert(store, run, sightings);
  return alert ? { sightings, alert } : { sightings };
}

/**
 * Records the reports as sightings, without alerting: a long run records as it
 * goes (so a kill loses nothing found so far) and raises its one alert at the end.
 */
export async function recordSightings(store: Store, run: Pick<Run, 'id' | 'commit'>, reports: readonly FindingReport[]): Promise<FindingSighting[]> {
  const at = new Date().toISOString();
  const sightings: FindingSighting[] = [];
  for (const report of reports) sightings.push(await store.recordFinding(report, { runId: run.id, commit: run.commit, at }));
  return sightings;
}

/** The run's one finding alert, stored, when any of its sightings is new or regressed. */
export async function raiseFindingAlert(store: Store, run: Pick<Run, 'id' | 'commit'>, sightings: readonly FindingSighting[]): Promise<Alert | undefined> {
  const news = sightings.filter((s) => s.outcome !== 'seen').map((s) => s.finding);
  // One finding seen twice in one run (two workers) is told about once.
  const findingIds = [...new Set(news.map((f) => f.id))];
  if (findingIds.length === 0) return undefined;
  const caseIds = [...new Set(news.map((f) => f.caseId))];
  const alert: Alert = { id: `${run.id}-finding`, runId: run.id, commit: run.commit, kind: 'finding', caseIds, findingIds, state: 'open', createdAt: new Date().toISOString() };
  await store.addAlert(alert);
  return alert;
}
