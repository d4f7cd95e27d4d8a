// The machine-readable shape of results: `perflab run --json`, CI reports and
// pushes all use it. Field names are a public contract; add, don't rename.
import type { Change, Comparison, ProcessStats, Result, Summary, Verdict } from '../model.js';

export interface ResultJson {
  caseId: string;
  suite: string;
  name: string;
  mode: Result['mode'];
  unit: string | null;
  summary: Summary | null;
  verdict: Verdict;
  /** Present when the result was compared (screened and confirmed) against its baseline. */
  change?: Change;
  reason: string;
  error?: { code: string; message: string };
  process?: ProcessStats;
}

export function resultJson(result: Result, comparison: Comparison): ResultJson {
  const ok = result.state === 'ok';
  return {
    caseId: result.caseId,
    suite: result.suite,
    name: result.name,
    mode: result.mode,
    unit: ok ? result.summary.unit : null,
    summary: ok ? result.summary : null,
    verdict: comparison.verdict,
    ...(comparison.change ? { change: comparison.change } : {}),
    reason: comparison.reason,
    ...(result.state === 'errored' ? { error: result.error } : {}),
    ...(ok && result.process ? { process: result.process } : {}),
  };
}
