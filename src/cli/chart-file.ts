// `--chart FILE`: the file's extension says which format to draw.
import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { ChartFormat } from '../engine/chart/index.js';

export interface ChartFile {
  path: string;
  format: ChartFormat;
}

const CHART_FORMATS: Record<string, ChartFormat> = { '.png': 'png', '.svg': 'svg' };

/** Commander argument parser for --chart: the extension says the format. */
export function chartFile(path: string): ChartFile {
  const format = CHART_FORMATS[extname(path).toLowerCase()];
  if (!format) throw new InvalidArgumentError(`"${path}" does not end in ${Object.keys(CHART_FORMATS).join(' or ')}; the extension says which format to draw`);
  return { path, format };
}
