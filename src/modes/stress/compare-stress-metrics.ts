// Stress metrics keep baselines like benchmarks do (DESIGN §6): each
// scenario's p99, throughput and error rate is its own history series
// (`suite/name:p99`, `:throughput`, `:errors`), with a baseline per machine.
//
// The rule, deliberately simple: a metric regressed when it is worse than the
// median of its baseline window (the accepted run and the unchanged runs
// since) by at least max(regressionThreshold, 2 × the window's own robust
// noise) and at least 3 robust z away. Until the window holds 3 runs there is
// no verdict: one run's p99 on a shared machine moves by tens of percent.
// There is no confirmation re-run (a stress run is expensive and seldom
// repeatable at will): the wide default threshold (25%) is what keeps this
// quiet on a shared machine. A zero baseline (no errors) has no relative
// change; error budgets belong in thresholds (`errors < 0.1%`).
import { median } from 'simple-statistics';
import type { Comparison, Direction, Result, Summary } from '../../engine/model.js';
import type { StressStats } from './stress-stats.js';
import { formatMeasure } from '../../engine/report/format-measure.js';
import { mannWhitneyU, ratioCi, screen } from '../../engine/stats/index.js';
import type { Store } from '../../engine/store/store.js';
import { baselineWindow } from '../../engine/compare/compare-to-baseline.js';

export interface MetricEntry {
  caseId: string;
  result: Result;
  comparison: Comparison;
}

interface MetricSpec {
  key: 'p99' | 'throughput' | 'errors';
  unit: string;
  direction: Direction;
  value: (summary: Summary, stats: StressStats) => number;
}

export const STRESS_METRICS: readonly MetricSpec[] = [
  { key: 'p99', unit: 'ns', direction: 'lower', value: (summary) => summary.p99 },
  { key: 'throughput', unit: 'req/s', direction: 'higher', value: (_, stats) => stats.throughput },
  { key: 'errors', unit: '%', direction: 'lower', value: (_, stats) => stats.errorRate * 100 },
];

/** `fixture/fast http:p99`. */
export const metricCaseId = (scenarioId: string, key: MetricSpec['key']): string => `${scenarioId}:${key}`;

/** z limit once the window has enough runs for a spread of its own. */
const Z_LIMIT = 3;
/** Runs in the window (the baseline run included) before a metric gets a verdict: one stress run's p99 says little. */
export const MIN_WINDOW = 3;

export async function compareStressMetrics(store: Store, machine: string, scenario: Result, regressionThreshold: number): Promise<MetricEntry[]> {
  if (scenario.state !== 'ok' || !scenario.stress) return [];
  const entries: MetricEntry[] = [];
  for (const spec of STRESS_METRICS) {
    const caseId = metricCaseId(scenario.caseId, spec.key);
    const value = spec.value(scenario.summary, scenario.stress);
    const result: Result = {
      caseId,
      suite: scenario.suite,
      name: `${scenario.name}:${spec.key}`,
      mode: 'stress',
      state: 'ok',
      kind: 'stress',
      summary: single(value, spec, scenario.summary.n),
      samples: '',
      batch: 1,
    };
    entries.push({ caseId, result, comparison: await compareMetric(store, machine, caseId, value, spec, regressionThreshold) });
  }
  return entries;
}

async function compareMetric(store: Store, machine: string, caseId: string, value: number, spec: MetricSpec, threshold: number): Promise<Comparison> {
  const baseline = (await store.getBaseline(caseId, machine));
  if (!baseline) return { caseId, verdict: 'no-baseline', reason: 'first result on this machine; it becomes the baseline' };
  const window = await baselineWindow(store, caseId, machine, baseline);
  const values = window.current;
  if (window.current.length < MIN_WINDOW) return { caseId, verdict: 'unchanged', reason: `learning this metric's spread (${window.current.length} of ${MIN_WINDOW} runs)` };
  const centre = median(values);
  if (!(centre > 0)) return { caseId, verdict: 'unchanged', reason: `the baseline is ${show(0, spec)}: no relative change to judge (use a threshold for an absolute budget)` };
  const screened = screen(value, values, { threshold, zLimit: Z_LIMIT, fallbackCv: 0, direction: spec.direction });
  const moved = `${spec.key} ${show(value, spec)} is ${(Math.abs(screened.delta) * 100).toFixed(1)}% ${screened.delta >= 0 ? 'above' : 'below'} the baseline window's median ${show(centre, spec)} (${values.length} run(s); gate ${(screened.gate * 100).toFixed(0)}%${screened.z !== null ? `, robust z ${screened.z.toFixed(1)}` : ''})`;
  if (!screened.suspect) return { caseId, verdict: 'unchanged', reason: `${moved}: within the gate.` };
  // Screened against the stored window (a stress run is too long to re-run): the evidence is this run against the window's runs.
  const worse = screened.direction === 'worse';
  const { ciLow, ciHigh } = ratioCi(values, [value]);
  const pValue = mannWhitneyU([value], values, (spec.direction === 'lower') === worse ? 'greater' : 'less').pValue;
  const change = { ratio: value / centre, ciLow, ciHigh, pValue, method: 'window' as const, runs: values.length };
  return { caseId, verdict: worse ? 'regressed' : 'improved', change, reason: `${moved}: ${screened.direction}.` };
}

/** One run's value of a metric as a `Summary` (n is the requests it rests on). */
function single(value: number, spec: MetricSpec, n: number): Summary {
  return { n, unit: spec.unit, direction: spec.direction, median: value, mad: 0, mean: value, cv: 0, min: value, max: value, p50: value, p90: value, p99: value };
}

function show(value: number, spec: MetricSpec): string {
  return formatMeasure(value, spec.unit);
}
