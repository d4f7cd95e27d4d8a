// The canary recovers (issue 13, item 6). A canary that moved beyond its own
// noise marks the run environment-suspect and holds back every verdict. When
// it moved and stayed moved — CANARY_RECOVERY_RUNS runs in a row, all on the
// same side of its baseline — the machine changed for good (a new kernel, a
// slower instance, another tenant for keeps), and holding back verdicts until
// someone runs `perflab baseline accept perflab/canary` helps nobody. Its new
// level is then accepted as its baseline by perflab itself (audited as any
// acceptance is), the run is judged normally, and the channel is told once
// (a `machine-changed` alert, raised already closed).
import type { Baseline, Summary } from '../../engine/model.js';
import type { HistoryEntry, Store } from '../../engine/store/store.js';

/**
 * Runs in a row the canary must stay moved, the current one included, before
 * its new level becomes its baseline. Five: a burst of load on the machine
 * (another benchmark, a backup) rarely outlasts five runs, and five runs of
 * held-back verdicts is as long as a lab should stay mute.
 */
export const CANARY_RECOVERY_RUNS = 5;

/** Who accepts the canary's new level, in the baseline and the audit log. */
const RECOVERED_BY = 'perflab';

/**
 * True when `current` (a suspect canary median) is the CANARY_RECOVERY_RUNS-th
 * moved run in a row: the canary's runs since `baseline` end in
 * CANARY_RECOVERY_RUNS − 1 `unstable` ones, each on the same side of the
 * baseline's median as `current`. `history` is the canary's on this machine,
 * oldest first; an errored or unmoved run in between starts the count again.
 */
export function canaryStayedMoved(history: readonly HistoryEntry[], baseline: Pick<Baseline, 'runId' | 'acceptedAt' | 'median'>, current: number, runs = CANARY_RECOVERY_RUNS): boolean {
  const from = history.findIndex((e) => e.runId === baseline.runId);
  const since = from >= 0 ? history.slice(from + 1) : history.filter((e) => e.at > baseline.acceptedAt);
  const previous = since.slice(-(runs - 1));
  if (previous.length < runs - 1) return false;
  const side = Math.sign(current - baseline.median);
  return side !== 0 && previous.every((e) => e.verdict === 'unstable' && e.median !== undefined && Math.sign(e.median - baseline.median) === side);
}

/**
 * Accepts `summary` (this run's canary) as the canary's baseline when it
 * stayed moved (`canaryStayedMoved`); returns the new baseline, or undefined
 * when the canary has not stayed moved long enough.
 */
export async function recoverCanary(store: Store, caseId: string, run: { id: string; commit: string | null; machine: string }, baseline: Baseline, summary: Pick<Summary, 'median' | 'unit'>): Promise<Baseline | undefined> {
  const history = await store.history(caseId, { machine: run.machine, limit: 4 * CANARY_RECOVERY_RUNS });
  if (!canaryStayedMoved(history, baseline, summary.median)) return undefined;
  const change = ((summary.median / baseline.median - 1) * 100).toFixed(1);
  const recovered: Baseline = {
    caseId,
    machine: run.machine,
    runId: run.id,
    commit: run.commit,
    median: summary.median,
    unit: summary.unit,
    acceptedBy: RECOVERED_BY,
    acceptedAt: new Date().toISOString(),
    reason: `the canary stayed moved (${Number(change) >= 0 ? '+' : ''}${change}%) for ${CANARY_RECOVERY_RUNS} runs in a row: the machine changed, its new level is the baseline`,
  };
  await store.acceptBaseline(recovered);
  return recovered;
}
