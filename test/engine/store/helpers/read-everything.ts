// Everything a store answers, through the public `Store` API only, as one
// JSON-able value: what "a store reads the same" means in the migration and
// compaction tests.
import type { AlertState, FindingState } from '../../../../src/engine/model.js';
import type { Store } from '../../../../src/engine/store/store.js';

const ALERT_STATES: AlertState[] = ['open', 'investigating', 'accepted', 'dismissed', 'fixed'];
const FINDING_STATES: FindingState[] = ['new', 'known', 'fixed', 'regressed'];

export interface ReadOptions {
  caseIds: string[];
  machines: string[];
  /** A time for `history({ since })`. */
  since: string;
  /** Leave raw samples out of `runResults` (compaction drops them). */
  withoutSamples?: boolean;
}

export async function readEverything(store: Store, options: ReadOptions): Promise<Record<string, unknown>> {
  const runs = await store.listRuns();
  const out: Record<string, unknown> = {
    runs,
    runsLimited: await store.listRuns({ limit: 2 }),
    runById: Object.fromEntries(await Promise.all(runs.map(async (run) => [run.id, await store.getRun(run.id)]))),
    results: Object.fromEntries(
      await Promise.all(
        runs.map(async (run) => {
          const results = await store.runResults(run.id);
          return [run.id, options.withoutSamples ? results.map(({ result, ...rest }) => ({ ...rest, result: { ...result, samples: undefined } })) : results];
        }),
      ),
    ),
    unknownRun: (await store.getRun('no-such-run')) ?? null,
  };
  for (const caseId of options.caseIds) {
    out[`history ${caseId}`] = await store.history(caseId);
    out[`history ${caseId} limit 3`] = await store.history(caseId, { limit: 3 });
    out[`history ${caseId} since`] = await store.history(caseId, { since: options.since });
    for (const machine of options.machines) {
      out[`history ${caseId} ${machine}`] = await store.history(caseId, { machine });
      out[`baseline ${caseId} ${machine}`] = (await store.getBaseline(caseId, machine)) ?? null;
      out[`baselineHistory ${caseId} ${machine}`] = await store.baselineHistory(caseId, machine);
    }
  }
  out.baselines = sortBy(await store.listBaselines(), (b) => `${b.caseId} ${b.machine}`);
  for (const machine of options.machines) out[`baselines ${machine}`] = sortBy(await store.listBaselines(machine), (b) => b.caseId);
  const alerts = await store.listAlerts();
  out.alerts = alerts;
  for (const state of ALERT_STATES) out[`alerts ${state}`] = await store.listAlerts({ state });
  out.alertById = Object.fromEntries(await Promise.all(alerts.map(async (alert) => [alert.id, await store.getAlert(alert.id)])));
  const findings = await store.listFindings();
  out.findings = findings;
  for (const state of FINDING_STATES) out[`findings ${state}`] = await store.listFindings({ state });
  out.findingById = Object.fromEntries(await Promise.all(findings.map(async (finding) => [finding.id, await store.getFinding(finding.id)])));
  out.schedules = await store.listSchedules();
  out.jobs = await store.listJobs();
  out.cursor = (await store.getCursor('git@example.com:app.git', 'main')) ?? null;
  out.audit = await store.listAudit();
  out.auditLimited = await store.listAudit({ limit: 2 });
  // A JSON round trip, as the fixture file holds it.
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}
