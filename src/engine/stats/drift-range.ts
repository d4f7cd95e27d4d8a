// Where a drift starts and ends. E-Divisive places a change point where the
// series splits best, which for a change spread over several commits is
// somewhere inside the ramp: "+4.8% in one commit" for what was 1% a commit
// over five. This fits, around the change points found, a level, a straight
// ramp and another level, and keeps the ramp only when it explains the
// series better than a step by more than its extra parameter costs (AIC;
// with BIC's log n penalty 5 of 15 planted 1%-a-commit drifts in 1% noise
// came out as one-commit steps, with AIC 2 of 15, while 12 of 15 planted
// clean-cut 5% steps stay one commit).
// Pure: per-run medians in, the range out.

export interface DriftRange {
  /** First point off the old level (the first ramp point, or the step's first point at the new level). */
  start: number;
  /** First point at the new level; equals `start` for a step. */
  end: number;
  /** Mean of the points at the old level (from `from` up to `start`). */
  meanBefore: number;
  /** Mean of the points at the new level (from `end` up to `to`). */
  meanAfter: number;
}

export interface DriftRangeOptions {
  /** Points a ramp may reach beyond the change points on either side, default 10. */
  reach?: number;
  /** Points each level keeps at least, default 3 (E-Divisive's minimum segment). */
  minSegment?: number;
}

/**
 * The best level–ramp–level fit of z[from, to) whose ramp covers the change
 * points `first` … `last` (indices into z, first ≤ last): the ramp holds the
 * points strictly between the two levels, z[start, end). A step (start =
 * end) is the fit with no points in between.
 *
 * @throws RangeError when from < first ≤ last < to do not leave room for the
 *   two levels.
 */
export function driftRange(z: readonly number[], from: number, to: number, first: number, last: number, options: DriftRangeOptions = {}): DriftRange {
  const reach = options.reach ?? 10;
  const minSegment = options.minSegment ?? 3;
  if (!(from + minSegment <= first && first <= last && last + minSegment <= to && to <= z.length)) {
    throw new RangeError(`no room for two levels of ${minSegment} points around ${first}…${last} in [${from}, ${to})`);
  }
  const prefix = [0];
  for (let i = from; i < to; i++) prefix.push((prefix.at(-1) as number) + (z[i] as number));
  const mean = (a: number, b: number) => ((prefix[b - from] as number) - (prefix[a - from] as number)) / (b - a);

  const fit = (start: number, end: number) => {
    const before = mean(from, start);
    const after = mean(end, to);
    let sse = 0;
    for (let i = from; i < to; i++) {
      const level = i < start ? before : i >= end ? after : before + ((after - before) * (i - start + 1)) / (end - start + 1);
      sse += ((z[i] as number) - level) ** 2;
    }
    return { start, end, meanBefore: before, meanAfter: after, sse };
  };

  // A step at each admissible place, and ramps over the change points.
  let bestStep = fit(first, first);
  for (let t = Math.max(from + minSegment, first - reach); t <= Math.min(to - minSegment, last + reach); t++) {
    const step = fit(t, t);
    if (step.sse < bestStep.sse) bestStep = step;
  }
  let bestRamp: ReturnType<typeof fit> | null = null;
  for (let start = Math.max(from + minSegment, first - reach); start <= first; start++) {
    for (let end = Math.max(last, start + 1); end <= Math.min(to - minSegment, last + reach); end++) {
      const ramp = fit(start, end);
      if (bestRamp === null || ramp.sse < bestRamp.sse) bestRamp = ramp;
    }
  }
  // AIC: a step has three parameters (two levels, a place), a ramp four (two levels, two ends).
  const n = to - from;
  const aic = (sse: number, k: number) => n * Math.log(Math.max(sse, Number.MIN_VALUE) / n) + 2 * k;
  const best = bestRamp && aic(bestRamp.sse, 4) < aic(bestStep.sse, 3) ? bestRamp : bestStep;
  return { start: best.start, end: best.end, meanBefore: best.meanBefore, meanAfter: best.meanAfter };
}
