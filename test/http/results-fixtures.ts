// A pushed CI comparison as `perflab ci --push` sends it: one regressed case,
// one unchanged, one errored.
import type { ApiServerOptions } from '../../src/http/http-server.js';
import type { ResultsPayload } from '../../src/lab/jobs/results-payload.js';
import type { Store } from '../../src/engine/store/store.js';
import { ingestResults } from '../../src/lab/jobs/ingest-results.js';

export const COMMIT_A = 'a'.repeat(40);
export const COMMIT_B = 'b'.repeat(40);

const medians = (around: number): number[] => Array.from({ length: 10 }, (_, i) => around + (i % 3) * around * 0.01);

export function resultsPayload(overrides: Partial<ResultsPayload> = {}): ResultsPayload {
  return {
    schemaVersion: 1,
    base: 'HEAD~1',
    machine: 'ci-linux-1',
    repository: 'https://github.com/acme/app.git',
    ci: { provider: 'github-actions', runUrl: 'https://github.com/acme/app/actions/runs/42' },
    commitA: COMMIT_A,
    commitB: COMMIT_B,
    comparisons: [
      {
        caseId: 'json/parse 1MB',
        verdict: 'regressed',
        reason: 'confirmed: +200% over 10 interleaved runs per side',
        change: { ratio: 3, ciLow: 2.8, ciHigh: 3.2, pValue: 0.0001, method: 'interleaved', runs: 10 },
        measured: { kind: 'function', unit: 'ns', baseline: medians(1000), candidate: medians(3000) },
      },
      {
        caseId: 'json/stringify',
        verdict: 'unchanged',
        reason: 'no change beyond noise',
        change: { ratio: 1.01, ciLow: 0.97, ciHigh: 1.04, pValue: 0.4, method: 'interleaved', runs: 10 },
        measured: { kind: 'function', unit: 'ns', baseline: medians(500), candidate: medians(505) },
      },
      {
        caseId: 'json/broken',
        verdict: 'errored',
        reason: 'candidate run failed during confirmation: boom',
        error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' },
      },
    ],
    onlyA: [],
    onlyB: ['json/new case'],
    suiteErrors: [],
    ...overrides,
  };
}

/** What the lead's server does with pushed results: store them with `ingestResults`, answer with the ids. */
export function ingestInto(store: Store): ApiServerOptions['onResults'] {
  return async (payload, actor) => {
    const { run, alerts } = await ingestResults(store, payload, { kind: 'ci', by: actor });
    return { runId: run.id, alerts: alerts.map((a) => a.id) };
  };
}
