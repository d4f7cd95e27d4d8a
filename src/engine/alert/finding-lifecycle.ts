// What a sighting or a clean run does to a finding (DESIGN §7), decided in one
// place and without I/O, so every store (lowdb, PostgreSQL) applies the same
// rules inside its own atomic write step:
//
//   unknown signature          → a `new` finding, seen once
//   known, not fixed           → one more sighting; the clean-run count restarts
//   `fixed`, seen again        → `regressed` (the bug is back)
//   `fixedAfter` clean runs    → `fixed` at the run that made the count
//
// ClusterFuzz's rule: a finding is fixed only after it stops reproducing, not
// when someone says so; people can still move it by hand (`transitionFinding`).
import type { Finding, FindingReport, Sighting } from '../model.js';
import type { FindingSighting } from '../store/store.js';

/** Who moves a finding when no person did. */
const BY_PERFLAB = 'perflab';

/**
 * Applies one sighting of `report` to `existing`, the stored finding with the
 * same mode × signature (undefined when there is none; `newId` then names the
 * new finding). A known finding keeps its first report's title, evidence and
 * detail: the first sighting is the one people were told about.
 */
export function sightFinding(existing: Finding | undefined, report: FindingReport, seen: Sighting, newId: string): FindingSighting {
  if (!existing) {
    return { outcome: 'new', finding: { ...report, id: newId, state: 'new', flaky: false, firstSeen: seen, lastSeen: seen, count: 1 } };
  }
  const { cleanRuns: _restarted, ...rest } = existing;
  const seenAgain: Finding = { ...rest, lastSeen: seen, count: existing.count + 1 };
  if (existing.state !== 'fixed') return { outcome: 'seen', finding: seenAgain };
  return { outcome: 'regressed', finding: { ...seenAgain, state: 'regressed', stateBy: BY_PERFLAB, stateAt: seen.at } };
}

/**
 * A run of the finding's case that did not see it. After `fixedAfter` such
 * runs in a row the finding is `fixed` at `seen`. A finding already fixed is
 * returned as it is (the same object), so a caller can skip writing it.
 */
export function cleanRun(finding: Finding, seen: Sighting, fixedAfter: number): Finding {
  if (finding.state === 'fixed') return finding;
  const cleanRuns = (finding.cleanRuns ?? 0) + 1;
  if (cleanRuns < fixedAfter) return { ...finding, cleanRuns };
  return { ...finding, cleanRuns, state: 'fixed', fixedIn: seen, stateBy: BY_PERFLAB, stateAt: seen.at };
}
