// Fuzz findings per run as stacked bars: how many each run found new, saw
// come back (regressed) and saw fixed. One bar per run, in time order, so a
// run that broke many properties stands out; the x labels are commits.
import type { TopLevelSpec } from 'vega-lite';
import type { FuzzChartData, FuzzChartRun } from './chart-data.js';
import { RUNS, whenOf } from './case-chart-layers.js';
import { resolveChartOptions, sizeOf, type ChartOptions } from './chart-options.js';
import { COLOURS, chartConfig, shortCommit } from './chart-theme.js';
import { tooFewRunsSpec } from './too-few-runs-spec.js';

export interface FuzzChartOptions extends ChartOptions {
  /** Most runs drawn: the latest ones. Default 60, about the most bars whose commit labels can be read at 900 px. */
  maxRuns?: number;
}

const KINDS = ['new', 'regressed', 'fixed'] as const;
const KIND_COLOURS = [COLOURS.regression, COLOURS.drift, COLOURS.improvement];

export function fuzzChartSpec(data: FuzzChartData, options: FuzzChartOptions = {}): TopLevelSpec {
  const resolved = resolveChartOptions(options);
  const maxRuns = options.maxRuns ?? 60;
  if (!(Number.isInteger(maxRuns) && maxRuns >= 1)) throw new RangeError(`maxRuns must be a whole number ≥ 1, got ${maxRuns}`);
  if (data.runs.length === 0) return tooFewRunsSpec({ title: data.title, runs: 0, layers: [], options: resolved });

  const sorted = [...data.runs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const shown = sorted.slice(-maxRuns);
  const totals = Object.fromEntries(KINDS.map((kind) => [kind, sorted.reduce((sum, run) => sum + run[kind], 0)]));
  const range = shown.length < sorted.length ? `last ${shown.length} of ${sorted.length} runs` : `${sorted.length} runs`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.title, subtitle: `${range} · ${KINDS.map((kind) => `${totals[kind]} ${kind}`).join(' · ')} in all` },
    ...sizeOf(resolved),
    config: chartConfig(),
    // Bars are keyed by position, not commit (a commit may be fuzzed twice); the axis shows the commit.
    params: [{ name: 'commitAt', value: shown.map((run) => shortCommit(run.commit).slice(0, 7)) }],
    layer: [
      {
        name: RUNS,
        data: { name: RUNS, values: shown.flatMap((run, order) => rowsOf(run, order)) },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'order', type: 'ordinal', title: 'commit (oldest → latest run)', axis: { labelExpr: 'commitAt[datum.value]', labelAngle: -45, labelOverlap: true } },
          y: { field: 'count', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: 'findings', axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'kind', type: 'nominal', title: 'findings', scale: { domain: [...KINDS], range: KIND_COLOURS }, sort: [...KINDS] },
          order: { field: 'rank', type: 'quantitative' },
          tooltip: [{ field: 'kind' }, { field: 'count', aggregate: 'sum', title: 'count' }, { field: 'commit' }, { field: 'runId', title: 'run' }, { field: 'when', title: 'at' }],
        },
      },
    ],
  };
}

/** One row per kind of finding in a run (zeros included, so every run has its place on the axis). */
function rowsOf(run: FuzzChartRun, order: number) {
  return KINDS.map((kind, rank) => ({ order, rank, kind, count: run[kind], runId: run.runId, commit: shortCommit(run.commit), when: whenOf(run.at) }));
}
