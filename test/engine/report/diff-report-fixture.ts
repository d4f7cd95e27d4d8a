// A small diff report written out by hand, one cell of every kind, for the
// renderers: they are tested on what they print, not on the statistics.
// Cases are in report order: the largest marked |log ratio| first.
import type { DiffReport } from '../../../src/engine/report/diff-report.js';

const run = (n: number) => ({ runId: `r${n}`, commit: `${n}`.padStart(40, 'c'), at: `2025-05-${String(n).padStart(2, '0')}T12:00:00.000Z` });

export function sampleReport(): DiffReport {
  return {
    now: '2025-06-01T00:00:00.000Z',
    alpha: 0.01,
    window: 5,
    points: [
      { label: 'previous', kind: 'previous', at: null, commit: null },
      { label: 'week', kind: 'ago', at: '2025-05-25T00:00:00.000Z', commit: null },
      { label: 'year', kind: 'ago', at: '2024-06-01T00:00:00.000Z', commit: null },
    ],
    cases: [
      {
        caseId: 'http|rps',
        unit: 'req/s',
        direction: 'higher',
        threshold: 0.05,
        latest: { ...run(31), median: 5200 },
        cells: [
          { point: 'previous', mark: 'insufficient', run: run(31), ratio: null, ciLow: null, ciHigh: null, pValue: null, runs: { latest: 0, point: 5 } },
          { point: 'week', mark: 'improved', run: run(24), ratio: 1.2, ciLow: 1.1, ciHigh: 1.3, pValue: 0.0079, runs: { latest: 5, point: 5 } },
          { point: 'year', mark: 'unchanged', run: run(1), ratio: 0.99, ciLow: 0.95, ciHigh: 1.02, pValue: 0.42, runs: { latest: 5, point: 5 } },
        ],
      },
      {
        caseId: 'json/parse',
        unit: 'ns',
        direction: 'lower',
        threshold: 0.03,
        latest: { ...run(31), median: 1234 },
        cells: [
          { point: 'previous', mark: 'insufficient', run: run(30), ratio: 1.004, ciLow: 0.98, ciHigh: 1.03, pValue: 0.67, runs: { latest: 1, point: 5 } },
          { point: 'week', mark: 'regressed', run: run(24), ratio: 1.042, ciLow: 1.011, ciHigh: 1.07, pValue: 0.0079, runs: { latest: 5, point: 5 } },
          { point: 'year', mark: 'no-data', reason: 'too-far-back', run: null, ratio: null, ciLow: null, ciHigh: null, pValue: null, runs: { latest: 0, point: 0 } },
        ],
      },
      {
        caseId: 'never/ran',
        unit: null,
        direction: 'lower',
        threshold: 0.03,
        latest: null,
        cells: ['previous', 'week', 'year'].map((point) => ({
          point,
          mark: 'no-data' as const,
          reason: 'no-latest' as const,
          run: null,
          ratio: null,
          ciLow: null,
          ciHigh: null,
          pValue: null,
          runs: { latest: 0, point: 0 },
        })),
      },
    ],
  };
}
