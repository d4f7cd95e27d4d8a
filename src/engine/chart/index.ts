// The chart stage (DESIGN §9a): history → vega-lite spec → SVG → PNG, all pure.
// Callers map store records into the input types; the specs are plain data a
// page can embed as they are; renderChart draws one for Slack or a file.
export type { CaseChartData, ChartAlert, ChartBaseline, ChartChangePoint, ChartPoint, FuzzChartData, FuzzChartRun, StressChartData, StressChartPoint } from './chart-data.js';
export { caseChartSpec } from './case-chart-spec.js';
export type { CaseChartOptions } from './case-chart-spec.js';
export { stressChartSpec } from './stress-chart-spec.js';
export type { StressChartOptions } from './stress-chart-spec.js';
export { fuzzChartSpec } from './fuzz-chart-spec.js';
export type { FuzzChartOptions } from './fuzz-chart-spec.js';
export { moversChartSpec } from './movers-chart-spec.js';
export type { MoversChartData, MoverSeries } from './movers-chart-spec.js';
export { sparklineSpec } from './sparkline-spec.js';
export type { SparklineOptions } from './sparkline-spec.js';
export { downsample, keepOf, DEFAULT_MAX_POINTS } from './downsample.js';
export type { DownsampleKeep } from './downsample.js';
export type { ChartOptions } from './chart-options.js';
export { renderSvg } from './render-svg.js';
export { renderPng } from './render-png.js';
export type { RenderPngOptions } from './render-png.js';
export { renderChart } from './render-chart.js';
export type { ChartFormat } from './render-chart.js';
