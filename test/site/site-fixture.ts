// A store with something on every page: two cases with hourly runs, one of
// which got 30% slower; a confirmed regression alert on the slow run with its
// screening and confirmation numbers, bisected to a culprit; a person who
// investigated it (through the lab's real alert action); and a fuzz finding.
import { createHash } from 'node:crypto';
import type { Alert, Comparison, Run } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';

export const MACHINE = 'site-test';
export const SLOW_CASE = 'json/parse 1MB';
export const STEADY_CASE = 'json/stringify <small> & "quoted"';
export const RUNS = 24;
export const STEP_AT = 16;
const HOUR = 3_600_000; // ms
export const START = Date.UTC(2026, 10, 2);

export const sha = (text: string): string => createHash('sha1').update(text).digest('hex');
export const CULPRIT = sha('seeded run 16');

export interface SiteFixture {
  runs: Run[];
  alert: Alert;
  bisectPath: { commit: string; verdict: 'good' | 'bad' }[];
  confirmation: { unit: string; baseline: number[]; candidate: number[] };
}

export async function seedSite(store: Store): Promise<SiteFixture> {
  const times = Array.from({ length: RUNS }, (_, i) => START + i * HOUR);
  const confirmation = { unit: 'ns', baseline: [1_001_000, 998_500, 1_000_200, 999_100, 1_002_000], candidate: [1_300_900, 1_297_000, 1_301_500, 1_299_800, 1_303_000] };
  // The slow run's result as the lab records a confirmed regression: with its evidence.
  const regressed: Comparison = {
    caseId: SLOW_CASE,
    verdict: 'regressed',
    reason: 'Screening: run median 30% above the window. Confirmed by 5 interleaved runs per side.',
    change: { ratio: 1.3, ciLow: 1.28, ciHigh: 1.32, pValue: 0.004, method: 'interleaved', runs: 5 },
    evidence: { screening: { median: 1_300_000, windowMedian: 1_000_000, windowRuns: 15, delta: 0.3, z: 41.2, gate: 0.03 }, confirmation },
  };
  const runs = await seedRuns(store, {
    machine: MACHINE,
    times,
    cases: {
      [SLOW_CASE]: (i) => 1_000_000 * (i >= STEP_AT ? 1.3 : 1) * (i % 2 ? 1.004 : 0.996),
      [STEADY_CASE]: (i) => 20_000 * (i % 2 ? 1.003 : 0.997),
    },
    comparisonOf: (caseId, i) => (caseId === SLOW_CASE && i === STEP_AT ? regressed : undefined),
  });
  await seedBaselines(store, runs[0]!, [SLOW_CASE, STEADY_CASE], 'slack:U0ALICE');
  const slow = runs[STEP_AT]!;

  const alert: Alert = { id: 'A-0001', kind: 'regression', runId: slow.id, commit: slow.commit, caseIds: [SLOW_CASE], state: 'open', createdAt: slow.startedAt };
  await store.addAlert(alert);
  const bisectPath = [
    { commit: sha('seeded run 14'), verdict: 'good' as const },
    { commit: CULPRIT, verdict: 'bad' as const },
    { commit: sha('seeded run 15'), verdict: 'good' as const },
  ];
  await store.audit({ at: new Date(START + (STEP_AT + 1) * HOUR).toISOString(), actor: 'perflab', action: 'bisect', args: { alertId: alert.id, culprit: CULPRIT, candidates: 3, steps: 3, path: bisectPath } });
  const withCulprit = (await store.setAlertCulprit(alert.id, { commit: CULPRIT, author: 'Bob Builder', subject: 'parse: copy the buffer twice', steps: 3, skipped: [] })) ?? alert;

  await store.recordFinding(
    { mode: 'fuzz', caseId: 'json/roundtrip', signature: 'TypeError:cannot read x', kind: 'property-failed', title: "TypeError: cannot read 'x' of undefined", evidence: 'Counterexample: [{"x":<script>alert(1)</script>}]\nseed 42, path 3:1', detail: { seed: 42 }, repro: 'perflab fuzz replay F-1 --seed 42' },
    { runId: runs[RUNS - 1]!.id, commit: runs[RUNS - 1]!.commit, at: runs[RUNS - 1]!.startedAt },
  );
  return { runs, alert: withCulprit, bisectPath, confirmation };
}
