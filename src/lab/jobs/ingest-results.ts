// Results a CI machine measured and pushed (`perflab ci --push`) become a
// stored run, as if this perflab had run them: a `Run` triggered by `ci`, one
// recorded result per compared case, and the same alerts a bench run raises,
// so the outbox posts them to Slack.
//
// What a pushed comparison holds is an A/B confirmation, not a screened run:
// each measured case comes with the per-run medians of both sides (one value
// per fresh-worker run). The stored `Result` is the candidate's side: its
// samples ARE those per-run medians (batch 1: each is already per operation)
// and its `Summary` is computed here from them, not taken on trust.
import { raiseAlerts } from '../../engine/alert/raise-alerts.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { Alert, Comparison, RecordedResult, Result, Run, Trigger } from '../../engine/model.js';
import { newRunId } from '../../engine/run-id.js';
import { encodeSamples, summarize } from '../../engine/stats/index.js';
import type { Store } from '../../engine/store/store.js';
import type { ResultsPayload } from './results-payload.js';

type PushedComparison = ResultsPayload['comparisons'][number];

export interface IngestedResults {
  run: Run;
  /** Stored, not yet posted: hand them to the outbox. */
  alerts: Alert[];
}

/**
 * `trigger.by` says who measured, e.g. `ci:build-01`; it becomes the run's
 * trigger and the audit event's actor. `action` names the audit event:
 * `ci.push` for pushed results, `ci` for `perflab ci` on this machine.
 */
export async function ingestResults(store: Store, payload: ResultsPayload, trigger: Trigger, action = 'ci.push'): Promise<IngestedResults> {
  const actor = trigger.by;
  const now = new Date().toISOString();
  const run: Run = {
    id: newRunId(),
    mode: 'bench',
    commit: payload.commitB,
    // Measured in a worktree of commitB, never in the CI's working tree.
    dirty: false,
    machine: payload.machine,
    trigger,
    startedAt: now,
    finishedAt: null,
    environment: 'ok',
  };
  await store.beginRun(run);

  const recorded: RecordedResult[] = payload.comparisons.map((comparison) => ({
    runId: run.id,
    commit: run.commit,
    machine: run.machine,
    recordedAt: now,
    result: toResult(comparison),
    comparison: toComparison(comparison),
    // An A/B verdict is settled on its own and its medians come from shortened
    // confirmation runs: they are not the full runs a screening window holds.
    inWindow: false,
  }));
  await store.recordResults(run.id, recorded);

  // Each verdict is candidate against commitA, not against a baseline: it cannot say a regression is fixed.
  const alerts = await raiseAlerts(store, run, { comparisons: payload.comparisons, suiteErrorFiles: payload.suiteErrors.map((s) => s.file), against: 'base-commit' });
  run.finishedAt = new Date().toISOString();
  await store.finishRun(run.id, { finishedAt: run.finishedAt, environment: run.environment });
  await store.audit({
    at: run.finishedAt,
    actor,
    action,
    args: { runId: run.id, machine: payload.machine, base: payload.base, commitA: payload.commitA, commitB: payload.commitB, repository: payload.repository ?? null, ciRun: payload.ci?.runUrl ?? null },
  });
  return { run, alerts };
}

/** A pushed verdict as the model holds it; the payload schema already requires a change for a confirmed one. */
function toComparison(pushed: PushedComparison): Comparison {
  const { caseId, verdict, reason, change } = pushed;
  if (verdict === 'regressed' || verdict === 'improved') {
    if (!change) throw new PerflabError(ErrorCode.Config, `${caseId}: a ${verdict} verdict needs its change`);
    return { caseId, verdict, reason, change };
  }
  if (verdict === 'unchanged' || verdict === 'unstable') return { caseId, verdict, reason, ...(change ? { change } : {}) };
  return { caseId, verdict, reason };
}

function toResult(comparison: PushedComparison): Result {
  const slash = comparison.caseId.indexOf('/'); // ids are `suite/name`; the name may hold more slashes
  const base = { caseId: comparison.caseId, suite: comparison.caseId.slice(0, slash), name: comparison.caseId.slice(slash + 1), mode: 'bench' as const };
  if (comparison.verdict === 'errored' || !comparison.measured) {
    // The schema requires `error` for errored cases and `measured` for the others.
    return { ...base, state: 'errored', error: comparison.error ?? { code: ErrorCode.CaseThrew, message: comparison.reason } };
  }
  const { kind, unit, candidate } = comparison.measured;
  // Interleaved confirmation judges timings only: lower is better.
  return { ...base, state: 'ok', kind, summary: summarize(candidate, unit, 'lower'), samples: encodeSamples(candidate), batch: 1 };
}
