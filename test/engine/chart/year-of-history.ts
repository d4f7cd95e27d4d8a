// A deterministic case history shaped like a real one: ~49 runs a day for a
// year (18,000 points, ns) with noise, a regression, an improvement and a
// drift, alerts on the runs that raised them, baselines and change points.
// Shared by the chart tests and bench/chart.bench.ts.
import type { CaseChartData, ChartPoint } from '../../../src/engine/chart/chart-data.js';
import { mulberry32 } from '../stats/seeded-random.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const START_MS = Date.UTC(2024, 0, 1);

export function commitOf(i: number): string {
  return (i * 2654435761).toString(16).padStart(8, '0').repeat(5).slice(0, 40);
}

export function atOf(i: number, count: number): string {
  return new Date(START_MS + Math.floor((i * YEAR_MS) / count)).toISOString();
}

/** Runs 0…count-1; level steps at 1/3 (+6%) and 2/3 (−10%) of the way, drifts up over the last sixth. */
export function yearOfHistory(count = 18_000, seed = 42): CaseChartData {
  const next = mulberry32(seed);
  const authors = ['ann', 'bob', 'carol', 'dmitri'];
  const regressedAt = Math.floor(count / 3);
  const improvedAt = Math.floor((2 * count) / 3);
  const driftFrom = Math.floor((5 * count) / 6);
  const points: ChartPoint[] = [];
  for (let i = 0; i < count; i++) {
    let level = 1.2e6; // ns
    if (i >= regressedAt) level *= 1.06;
    if (i >= improvedAt) level *= 0.9;
    if (i >= driftFrom) level *= 1 + (0.05 * (i - driftFrom)) / (count - driftFrom);
    const median = level * (1 + (next() - 0.5) * 0.04);
    const verdict = i === regressedAt ? 'regressed' : i === improvedAt ? 'improved' : 'unchanged';
    points.push({ runId: `r${i}`, commit: commitOf(i), at: atOf(i, count), median, low: median * 0.985, high: median * 1.015, verdict, author: authors[i % authors.length]! });
  }
  const later = Math.ceil(count / 450); // runs between a change and its acceptance: 40 in a year
  const run = (i: number) => points[Math.max(0, Math.min(i, count - 1))]!;
  return {
    caseId: 'json/parse 50KB',
    unit: 'ns',
    direction: 'lower',
    points,
    baselines: [
      { at: run(0).at, median: run(0).median, acceptedBy: 'ann', commit: run(0).commit },
      { at: run(regressedAt + later).at, median: 1.2e6 * 1.06, acceptedBy: 'bob', commit: run(regressedAt + later).commit },
      { at: run(improvedAt + later).at, median: 1.2e6 * 1.06 * 0.9, acceptedBy: 'carol', commit: run(improvedAt + later).commit },
    ],
    alerts: [
      { at: run(regressedAt).at, runId: run(regressedAt).runId, kind: 'regression', state: 'accepted' },
      { at: run(improvedAt).at, runId: run(improvedAt).runId, kind: 'improvement', state: 'accepted' },
      { at: run(count - 5 * later).at, runId: run(count - 5 * later).runId, kind: 'drift', state: 'open' },
      { at: run(Math.floor(count / 2)).at, runId: run(Math.floor(count / 2)).runId, kind: 'canary', state: 'dismissed' },
    ],
    changePoints: [
      { at: run(regressedAt).at, commit: run(regressedAt).commit, ratio: 1.058 },
      { at: run(improvedAt).at, commit: run(improvedAt).commit, ratio: 0.902 },
    ],
  };
}
