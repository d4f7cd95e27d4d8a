// A fuzz property's chart from what the lab stored (DESIGN §7): the fuzz
// runs that fuzzed it (their `fuzz` record names its tasks), and per run how
// many of its findings were new there, fixed there, or came back there.
import type { FuzzChartData, FuzzChartRun } from '../engine/chart/index.js';
import type { Finding, Run } from '../engine/model.js';
import type { Lab } from './lab.js';

/** Recent runs looked through for fuzz runs: a busy lab's benchmark runs come in between. */
const RUNS_SCANNED = 2000;

/** The property's chart data, or null when no recent fuzz run fuzzed `caseId`. */
export async function fuzzChartData(lab: Pick<Lab, 'runs' | 'findings'>, caseId: string, limit?: number): Promise<FuzzChartData | null> {
  const fuzzed = (await lab.runs({ limit: RUNS_SCANNED })).filter((run) => run.mode === 'fuzz' && run.fuzz?.tasks.some((task) => task.caseId === caseId));
  if (fuzzed.length === 0) return null;
  const runs = (limit !== undefined ? fuzzed.slice(0, limit) : fuzzed).reverse(); // oldest first
  const findings = await lab.findings({ mode: 'fuzz', caseId });
  return { title: `${caseId}: fuzz findings per run`, runs: runs.map((run) => countsOf(run, findings)) };
}

function countsOf(run: Run, findings: readonly Finding[]): FuzzChartRun {
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Number.POSITIVE_INFINITY;
  // A finding's return is recorded as its state change, at the sighting's time: inside the run that saw it.
  const cameBack = (f: Finding) => f.state === 'regressed' && f.stateAt !== undefined && Date.parse(f.stateAt) >= start && Date.parse(f.stateAt) <= end;
  return {
    runId: run.id,
    commit: run.commit,
    at: run.startedAt,
    new: findings.filter((f) => f.firstSeen.runId === run.id).length,
    fixed: findings.filter((f) => f.fixedIn?.runId === run.id).length,
    regressed: findings.filter(cameBack).length,
  };
}
