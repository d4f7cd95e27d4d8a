// A latency histogram (µs) as the `Summary` every perflab table and history
// understands (ns), plus the tail percentiles stress reports need.
import type { Histogram } from 'hdr-histogram-js';
import type { Summary } from '../../engine/model.js';

export interface LatencySummary {
  summary: Summary;
  p999Ns: number;
}

export function summarizeLatency(histogram: Histogram): LatencySummary | null {
  const n = histogram.totalCount;
  if (n === 0) return null;
  const ns = (us: number): number => us * 1000;
  const median = ns(histogram.getValueAtPercentile(50));
  const mean = ns(histogram.mean);
  return {
    summary: {
      n,
      unit: 'ns',
      direction: 'lower',
      median,
      mad: ns(medianAbsoluteDeviation(histogram, histogram.getValueAtPercentile(50))),
      mean,
      cv: mean > 0 ? ns(histogram.stdDeviation) / mean : 0,
      min: ns(histogram.minNonZeroValue),
      max: ns(histogram.maxValue),
      p50: median,
      p90: ns(histogram.getValueAtPercentile(90)),
      p99: ns(histogram.getValueAtPercentile(99)),
    },
    p999Ns: ns(histogram.getValueAtPercentile(99.9)),
  };
}

/** Weighted median of |value − median| over the histogram's recorded values (µs). */
function medianAbsoluteDeviation(histogram: Histogram, median: number): number {
  const iterator = (histogram as unknown as { recordedValuesIterator?: RecordedValues }).recordedValuesIterator;
  if (!iterator) return 0;
  const deviations: [number, number][] = [];
  iterator.reset();
  while (iterator.hasNext()) {
    const v = iterator.next();
    deviations.push([Math.abs(v.valueIteratedTo - median), v.countAddedInThisIterationStep]);
  }
  deviations.sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [deviation, count] of deviations) {
    seen += count;
    if (seen * 2 >= histogram.totalCount) return deviation;
  }
  return 0;
}

interface RecordedValues {
  reset(): void;
  hasNext(): boolean;
  next(): { valueIteratedTo: number; countAddedInThisIterationStep: number };
}
