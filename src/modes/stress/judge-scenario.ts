// From what the pool brought back to a verdict, a `Result` and findings.
// Verdicts, worst first: crashed, hung, errored, leaking, threshold-failed,
// passed. Every verdict but `passed` becomes at least one `FindingReport`
// whose signature (case × kind × which check) stays the same when the same
// failure comes back, so a nightly repeat counts a sighting instead of alerting.
import { ErrorCode } from '../../engine/errors.js';
import type { CaseError, FindingReport, Result } from '../../engine/model.js';
import type { StressSample, StressStats, StressVerdict } from './stress-stats.js';
import { formatDuration } from '../../engine/report/format-duration.js';
import type { Threshold } from '../../engine/suite/parse-threshold.js';
import { checkThresholds, displayLimit, latencyFromHistogram, type CheckedThreshold } from './check-thresholds.js';
import { growthSlope, MIN_LEAK_GROWTH_BYTES, type Growth } from './growth-slope.js';
import { stressEvidence } from './stress-evidence.js';
import { describeLoad, STRESS_DEFAULTS, warmupOf } from './stress-options.js';
import type { StressOutcome } from './stress-pool.js';
import type { StressScenarioRef } from './stress-scenario.js';
import type { StressMeasurement } from './worker.js';

export interface StressJudgement {
  caseId: string;
  verdict: StressVerdict;
  result: Result;
  findings: FindingReport[];
}

const MB = 1024 * 1024;

export function judgeScenario(ref: StressScenarioRef, outcome: Exclude<StressOutcome, { state: 'cancelled' }>): StressJudgement {
  const base = { caseId: ref.id, suite: ref.suite, name: ref.name, mode: 'stress' as const };
  const load = describeLoad(ref.options.load);
  const samplesOf = (beats: { sample: StressSample }[]) => beats.map((b) => b.sample);
  const failure = (verdict: StressVerdict, error: CaseError, key: string, title: string, samples: readonly StressSample[]): StressJudgement => {
    const last = outcome.beats.at(-1);
    // Heartbeats count requests, not their kinds: the totals are what there is.
    const counts = last && last.phase !== 'setup' ? { requests: last.requests, errorsByKind: (last.errors > 0 ? { 'all kinds': last.errors } : {}) as Record<string, number> } : {};
    const evidence = stressEvidence({ caseId: ref.id, load, durationMs: ref.options.durationMs, ...counts, samples, error: error.message });
    return { caseId: ref.id, verdict, result: { ...base, state: 'errored', error }, findings: [finding(ref, verdict, key, title, evidence, { error })] };
  };

  switch (outcome.state) {
    case 'crashed':
      return failure('crashed', outcome.error, outcome.error.code, `${ref.id} crashed: ${outcome.error.message}`, samplesOf(outcome.beats));
    case 'hung': {
      const message = `no heartbeat from the worker for ${formatDuration(outcome.silentMs * 1e6)} during ${outcome.phase} (limit ${formatDuration(ref.options.hangTimeoutMs * 1e6)}): its event loop is blocked`;
      return failure('hung', { code: ErrorCode.StressHung, message }, outcome.phase, `${ref.id} hung during ${outcome.phase}`, samplesOf(outcome.beats));
    }
    case 'replied': {
      const reply = outcome.reply;
      if (!reply.ok) return failure('errored', reply.error, reply.error.code, `${ref.id} could not run: ${reply.error.message}`, reply.samples ?? samplesOf(outcome.beats));
      if (reply.type !== 'run') return failure('errored', { code: ErrorCode.CaseThrew, message: 'the worker answered a run with a listing' }, 'protocol', `${ref.id} could not run`, []);
      return judgeMeasurement(ref, reply.measurement, failure);
    }
  }
}

function judgeMeasurement(
  ref: StressScenarioRef,
  m: StressMeasurement,
  failure: (verdict: StressVerdict, error: CaseError, key: string, title: string, samples: readonly StressSample[]) => StressJudgement,
): StressJudgement {
  const errors = Object.values(m.errors).reduce((a, b) => a + b, 0);
  if (!m.latency) {
    const kinds = Object.entries(m.errors).map(([k, n]) => `${k} ${n}`).join(', ') || 'none sent';
    return failure('errored', { code: ErrorCode.StressTarget, message: `no request was answered (failed: ${kinds})` }, 'nothing-answered', `${ref.id}: no request was answered`, m.samples);
  }
  const warmupMs = warmupOf(ref.options);
  const heap = growthSlope(m.samples, 'heapBytes', warmupMs);
  const rss = growthSlope(m.samples, 'rssBytes', warmupMs);
  const throughput = m.requests / (m.elapsedMs / 1000);
  const latencyAt = latencyFromHistogram(m.histogram);
  const thresholds = [...ref.options.thresholds];
  // Leaks are looked for in every scenario; a heapGrowth threshold replaces the default budget.
  if (!thresholds.some((t) => /^\s*heapGrowth\b/.test(t))) thresholds.push(`heapGrowth < ${STRESS_DEFAULTS.heapGrowthBudget / MB}MB/min`);
  const checks = checkThresholds(thresholds, {
    latencyAt,
    meanMs: m.latency.summary.mean / 1e6,
    maxMs: m.latency.summary.max / 1e6,
    requests: m.requests,
    errors,
    throughput,
    heapGrowth: heap,
    rssGrowth: rss,
  }).map((c) => withinNoise(c, c.parsed.metric === 'heapGrowth' ? heap : c.parsed.metric === 'rssGrowth' ? rss : null));

  const s = m.latency.summary;
  const evidence = stressEvidence({
    caseId: ref.id,
    load: describeLoad(ref.options.load),
    target: m.target,
    durationMs: m.elapsedMs,
    requests: m.requests,
    errorsByKind: m.errors,
    throughput,
    latency: { p50: s.p50, p90: s.p90, p99: s.p99, p999: m.latency.p999Ns, max: s.max },
    thresholds: checks,
    heapGrowthPerMin: heap?.perMinute ?? null,
    rssGrowthPerMin: rss?.perMinute ?? null,
    samples: m.samples,
  });
  const failed = checks.filter((c) => !c.passed);
  const findings = failed.map((c) => {
    const leak = c.parsed.metric === 'heapGrowth' || c.parsed.metric === 'rssGrowth';
    const title = leak
      ? `${ref.id} is leaking: ${c.parsed.metric === 'heapGrowth' ? 'heap' : 'RSS'} grows ${c.actual?.toFixed(1)} MB/min after warm-up (${c.threshold})`
      : `${ref.id}: ${c.threshold} failed: ${formatActual(c)}${overBy(c)}`;
    return finding(ref, leak ? 'leaking' : 'threshold-failed', checkKey(c.parsed), title, evidence, { threshold: c.threshold, actual: c.actual, unit: c.unit, limit: displayLimit(c.parsed) });
  });
  const verdict: StressVerdict = findings.some((f) => f.kind === 'leaking') ? 'leaking' : findings.length > 0 ? 'threshold-failed' : 'passed';
  const stress: StressStats = {
    verdict,
    load: describeLoad(ref.options.load),
    target: m.target,
    durationMs: m.elapsedMs,
    requests: m.requests,
    throughput,
    errors,
    errorRate: errors / (m.requests + errors),
    errorsByKind: m.errors,
    p999: m.latency.p999Ns,
    heapGrowthPerMin: heap?.perMinute ?? null,
    rssGrowthPerMin: rss?.perMinute ?? null,
    thresholds: checks.map(({ parsed: _parsed, ...check }) => check),
    samples: m.samples,
  };
  const result: Result = { caseId: ref.id, suite: ref.suite, name: ref.name, mode: 'stress', state: 'ok', kind: 'stress', summary: s, samples: m.histogram, batch: 1, stress };
  return { caseId: ref.id, verdict, result, findings };
}

/** A growth threshold "failed" on less growth than GC noise is not a leak (see `MIN_LEAK_GROWTH_BYTES`). */
function withinNoise(check: CheckedThreshold, growth: Growth | null): CheckedThreshold {
  if (check.passed || !growth || Math.abs(growth.overWindow) >= MIN_LEAK_GROWTH_BYTES) return check;
  return { ...check, passed: true, note: `${(growth.overWindow / 1024).toFixed(0)} KB over the window is within GC noise (below 1 MB)` };
}

function checkKey(t: Threshold): string {
  if (t.metric !== 'latency') return t.metric;
  return typeof t.stat === 'object' ? `latency:p${t.stat.percentile}` : `latency:${t.stat ?? 'p99'}`;
}

function formatActual(c: CheckedThreshold): string {
  return c.actual === null ? 'not measured' : `${Number(c.actual.toPrecision(4))} ${c.unit}`;
}

/** "(+56% over the limit)". */
function overBy(c: CheckedThreshold): string {
  const limit = displayLimit(c.parsed);
  if (c.actual === null || !(limit > 0)) return '';
  const pct = ((c.actual - limit) / limit) * 100;
  return ` (${pct >= 0 ? '+' : ''}${pct.toFixed(0)}% against the limit)`;
}

function finding(ref: StressScenarioRef, kind: StressVerdict, key: string, title: string, evidence: string, detail: Record<string, unknown>): FindingReport {
  return {
    mode: 'stress',
    caseId: ref.id,
    signature: `${ref.id}|${kind}|${key}`,
    kind,
    title,
    evidence,
    detail: { verdict: kind, load: describeLoad(ref.options.load), durationMs: ref.options.durationMs, ...detail },
    repro: `perflab stress ${JSON.stringify(ref.id)}`,
  };
}
