// Time to draw one alert-thread chart: a case's year of history (18,000 runs)
// through downsample → vega-lite spec → SVG (vega, no canvas) → PNG (resvg,
// shipped font), as `caseChartSpec` + `renderChart(…, 'png')` do for Slack.
// Goal: under 300 ms per chart, warm.
//
//   node --import ./src/engine/suite/register-loaders.js bench/chart.bench.ts [--reps R] [--runs N]
//
// The first chart in a process is reported on its own: it pays for JIT
// warm-up and reading the font files, which a long-running server pays once.
// The stages are timed separately so a regression names the stage.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { caseChartSpec } from '../src/engine/chart/case-chart-spec.js';
import { renderPng } from '../src/engine/chart/render-png.js';
import { renderSvg } from '../src/engine/chart/render-svg.js';
import { yearOfHistory } from '../test/engine/chart/year-of-history.js';
import { intSetting, machineLine, markdownTable, medianOf, progress } from './support/bench-report.js';

const GOAL_MS = 300;
const reps = Math.max(1, intSetting('reps', 'PERFLAB_BENCH_REPS', 10));
const runs = Math.max(2, intSetting('runs', 'PERFLAB_CHART_BENCH_RUNS', 18_000));

interface Timing {
  specMs: number;
  svgMs: number;
  pngMs: number;
  totalMs: number;
  pngBytes: number;
}

async function oneChart(): Promise<Timing> {
  const data = yearOfHistory(runs); // not timed: the store's read is not the chart's cost
  const t0 = performance.now();
  const spec = caseChartSpec(data);
  const t1 = performance.now();
  const svg = await renderSvg(spec);
  const t2 = performance.now();
  const png = await renderPng(svg);
  const t3 = performance.now();
  if (process.env.PERFLAB_CHART_BENCH_OUT) writeFileSync(process.env.PERFLAB_CHART_BENCH_OUT, png);
  return { specMs: t1 - t0, svgMs: t2 - t1, pngMs: t3 - t2, totalMs: t3 - t0, pngBytes: png.length };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const cold = await oneChart();
  progress(`cold: ${cold.totalMs.toFixed(0)} ms`);
  const warm: Timing[] = [];
  for (let rep = 0; rep < reps; rep++) {
    warm.push(await oneChart());
    progress(`rep ${rep + 1}/${reps}: ${warm.at(-1)?.totalMs.toFixed(0)} ms`);
  }

  const ms = (pick: (t: Timing) => number) => {
    const values = warm.map(pick);
    return [medianOf(values), Math.min(...values), Math.max(...values)].map((v) => v.toFixed(0));
  };
  const total = medianOf(warm.map((t) => t.totalMs));
  const out = [
    `## Chart: a year of history (${runs.toLocaleString('en-US')} runs) → PNG`,
    '',
    `${machineLine()}; ${reps} warm repetitions after one cold; ${new Date().toISOString()}; ` +
      `1-minute load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} at the end (other work on the machine).`,
    '',
    markdownTable(
      ['stage', 'median ms', 'min', 'max', 'cold ms'],
      [
        ['downsample + vega-lite spec', ...ms((t) => t.specMs), cold.specMs.toFixed(0)],
        ['compile + vega layout → SVG', ...ms((t) => t.svgMs), cold.svgMs.toFixed(0)],
        ['resvg → PNG (shipped font)', ...ms((t) => t.pngMs), cold.pngMs.toFixed(0)],
        ['**one PNG chart**', ...ms((t) => t.totalMs), cold.totalMs.toFixed(0)],
      ],
    ),
    '',
    `PNG ${Math.round(medianOf(warm.map((t) => t.pngBytes)) / 1024)} KiB. Goal < ${GOAL_MS} ms warm: ${total < GOAL_MS ? 'met' : 'missed'} (median ${total.toFixed(0)} ms).`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

await main();
