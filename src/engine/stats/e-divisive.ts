// Change points over a case's whole history (DESIGN §5): E-Divisive means as
// Apache Otava (formerly DataStax Hunter; Fleming et al., "Hunter: Using
// Change Point Detection to Hunt for Performance Regressions", ICPE 2023)
// runs it, written afresh. It finds creeping regressions — 1% a commit over
// five commits — that no single run's screening shows.
//
// 0. Spikes (runs shorter than minSegment far off their neighbours) are
//    replaced by their neighbourhood's median first (`despike`): too short to
//    be a change, one would otherwise hide a change beside it.
// 1. Split, window by window. The series is cut into windows of `window`
//    points overlapping by half (the last one ends at the series' end). In a
//    window, binary segmentation: in every segment between the change points
//    found so far, take the split maximising the energy divergence Q̂
//    (`bestEnergySplit`: the τ, κ maximising Q̂ between z[s, τ) and z[τ, κ));
//    take the segment whose split has the largest Q̂; test it with a
//    two-sample t-test between z[s, τ) and z[τ, κ), the two parts the
//    divergence compared; keep τ if p ≤ 10 · pValue (Hunter's relaxed "weak"
//    first pass) and go on, else stop the window. (Otava tests z[τ, e)
//    instead; then a 15-commit regression that was later reverted, inside a
//    window, is diluted by the points after the revert and missed.) The windows' change points are pooled, dropping
//    any within minSegment of one already pooled (the same change seen twice).
// 2. Merge, over the whole series. Each pooled change point is re-tested
//    with the t-test between its two neighbouring segments (previous change
//    point → it → next change point), and that p is multiplied by the number
//    of positions the split could have taken in those two segments
//    (Bonferroni): the split is the most different one the search could
//    find, so its plain t-test p is optimistic. While the weakest has
//    corrected p > pValue (or a neighbouring segment shorter than
//    minSegment), it is removed and its neighbours are re-tested, since their
//    segments grew.
//
// Differences from Otava, on purpose, measured on simulated A/A series (200
// points, 1% normal noise, 1000 seeds; how many series get any change point):
// - The Bonferroni correction above: without it 155/1000, with it 1/1000.
//   The original E-Divisive pays for the search with a permutation test;
//   this keeps the t-test's determinism and speed.
// - The split is tested between the two parts the divergence compared (see 1).
// - A minimum segment length (Otava's is 1), so a lone spike is never a
//   change; sample variances with n − 1; fixed window steps.
// The t-test is Student's with a pooled variance by default, as Otava's.
// `test: 'welch'` is there because Welch's is the textbook choice when the
// noise after a change differs from the noise before, but here it fails: the
// search seeks out 3-point stretches that happen to sit tightly together, and
// Welch trusts their own variance (2 degrees of freedom) — 147/1000 A/A
// series get a change point with it, against 1/1000 with Student's
// (see pooled-t-test.ts).
//
// Cost: a window costs O(w²) per change point it finds (the Q̂ table of each
// new segment), and there are about 2n/w windows, so O(n · w · c) time for c
// change points per window and O(w²) memory; despiking is O(n · minSegment)
// and the merge O(n) per removal. Measured on the 2-core lab machine: 2 000
// points 20–90 ms, 18 000 points 135–170 ms. Without windows (window ≥ n)
// it is O(n²) time and memory: 2 000 points in one window took 330–690 ms,
// and 18k would need 2.6 GB — do not.
import { mean } from 'simple-statistics';
import { despike } from './despike.js';
import { bestEnergySplit } from './energy-divergence.js';
import { toFiniteArray } from './to-finite-array.js';
import { pooledTTest } from './pooled-t-test.js';
import { welchTTest } from './welch-t-test.js';
import type { TTestResult } from './welch-t-test.js';

type TTest = (x: readonly number[], y: readonly number[]) => TTestResult;

export interface EDivisiveOptions {
  /** largest corrected p-value (`ChangePoint.pValue`) for a change point to stand, default 0.001 */
  pValue?: number;
  /** fewest points in a segment, default 3 (≥ 2): a lone spike is not a change */
  minSegment?: number;
  /** points per window of the split pass, default 50 (Otava's default); windows overlap by half */
  window?: number;
  /** the two-sample t-test judging a split: 'student' (pooled variance, as Otava; default) or 'welch' (false-alarms far more, see above) */
  test?: 'welch' | 'student';
  /** replace spikes shorter than minSegment before the search (`despike`), default true */
  despike?: boolean;
}

export interface ChangePoint {
  /** Index of the first point after the change. */
  index: number;
  /** Mean of the segment before (from the previous change point), spikes replaced. */
  meanBefore: number;
  /** Mean of the segment after (up to the next change point), spikes replaced. */
  meanAfter: number;
  /** meanAfter / meanBefore. */
  ratio: number;
  /** rawPValue × the number of positions the split was chosen from (Bonferroni), at most 1: compared with options.pValue. */
  pValue: number;
  /** Two-sided t-test p-value between the two segments, as if the split had been fixed in advance. */
  rawPValue: number;
}

interface ResolvedEDivisiveOptions {
  pValue: number;
  minSegment: number;
  window: number;
  test: TTest;
  despike: boolean;
}

/** Hunter's first pass keeps splits up to 10 × the final p-value as "weak" change points for the merge to judge. */
const FIRST_PASS_FACTOR = 10;

function resolveEDivisiveOptions(options: EDivisiveOptions): ResolvedEDivisiveOptions {
  const resolved: ResolvedEDivisiveOptions = {
    pValue: options.pValue ?? 0.001,
    minSegment: options.minSegment ?? 3,
    window: options.window ?? 50,
    test: options.test === 'welch' ? welchTTest : pooledTTest,
    despike: options.despike ?? true,
  };
  if (options.test !== undefined && options.test !== 'welch' && options.test !== 'student') {
    throw new RangeError(`test must be 'welch' or 'student', got ${String(options.test)}`);
  }
  const { pValue, minSegment, window } = resolved;
  if (!(pValue > 0 && pValue < 1)) throw new RangeError(`pValue must be in (0, 1), got ${pValue}`);
  if (!Number.isInteger(minSegment) || minSegment < 2) throw new RangeError(`minSegment must be an integer ≥ 2, got ${minSegment}`);
  if (!Number.isInteger(window) || window < 2 * minSegment) {
    throw new RangeError(`window must be an integer ≥ 2 × minSegment (${2 * minSegment}), got ${window}`);
  }
  return resolved;
}

/**
 * Change points of `series` (per-run medians in commit order), sorted by index.
 * @throws RangeError on non-finite values or invalid options. An empty or
 *   short series (< 2 · minSegment points) has no change points.
 */
export function eDivisive(series: readonly number[], options: EDivisiveOptions = {}): ChangePoint[] {
  const resolved = resolveEDivisiveOptions(options);
  const { pValue, minSegment, window, test } = resolved;
  if (series.length < 2 * minSegment) return [];
  const finite = toFiniteArray(series, 'series');
  const z = resolved.despike ? despike(finite, minSegment).series : finite;
  const firstPass = Math.min(0.5, pValue * FIRST_PASS_FACTOR);

  const pooled: number[] = [];
  for (const [start, end] of windows(z.length, window)) {
    for (const index of splitWindow(z, start, end, minSegment, firstPass, test)) {
      if (pooled.every((p) => Math.abs(p - index) >= minSegment)) pooled.push(index);
    }
  }
  pooled.sort((a, b) => a - b);
  return merge(z, pooled, minSegment, pValue, test);
}

/** [start, end) of each window: steps of ⌊w/2⌋, the last one ending at n. */
function windows(n: number, window: number): [number, number][] {
  if (n <= window) return [[0, n]];
  const step = Math.floor(window / 2);
  const out: [number, number][] = [];
  for (let start = 0; start + window < n; start += step) out.push([start, start + window]);
  out.push([n - window, n]);
  return out;
}

/** Binary segmentation of z[start, end): the change points found, in the order found. */
function splitWindow(z: readonly number[], start: number, end: number, minSegment: number, maxP: number, test: TTest): number[] {
  const found: number[] = [];
  // Best split of each segment, by "start,end": a segment's split does not change until it is split.
  const splits = new Map<string, ReturnType<typeof bestEnergySplit>>();
  for (;;) {
    const bounds = [start, ...[...found].sort((a, b) => a - b), end];
    let best: { tau: number; kappa: number; divergence: number; from: number } | null = null;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const from = bounds[i] as number;
      const to = bounds[i + 1] as number;
      const key = `${from},${to}`;
      if (!splits.has(key)) splits.set(key, bestEnergySplit(z, from, to, minSegment));
      const split = splits.get(key);
      if (split && (best === null || split.divergence > best.divergence)) best = { ...split, from };
    }
    if (best === null) return found;
    const { pValue } = test(z.slice(best.from, best.tau), z.slice(best.tau, best.kappa));
    if (!(pValue <= maxP)) return found;
    found.push(best.tau);
  }
}

/** Re-tests each change point against its neighbours and drops the weakest until all stand. */
function merge(z: readonly number[], indices: readonly number[], minSegment: number, maxP: number, test: TTest): ChangePoint[] {
  const points = [...indices];
  const judge = (i: number): ChangePoint => {
    const index = points[i] as number;
    const before = z.slice(i === 0 ? 0 : (points[i - 1] as number), index);
    const after = z.slice(index, i === points.length - 1 ? z.length : (points[i + 1] as number));
    const meanBefore = mean(before);
    const meanAfter = mean(after);
    // A segment too short to be one cannot support a change point.
    const raw = before.length < minSegment || after.length < minSegment ? 1 : test(before, after).pValue;
    // The split was chosen as the most different of the segment's admissible
    // positions, so its raw p is optimistic; Bonferroni over those positions.
    const positions = before.length + after.length - 2 * minSegment + 1;
    return { index, meanBefore, meanAfter, ratio: meanAfter / meanBefore, pValue: Math.min(1, raw * Math.max(1, positions)), rawPValue: raw };
  };
  const judged = points.map((_, i) => judge(i));
  for (;;) {
    let weakest = -1;
    judged.forEach((c, i) => {
      if (c.pValue > maxP && (weakest < 0 || c.pValue > (judged[weakest] as ChangePoint).pValue)) weakest = i;
    });
    if (weakest < 0) return judged;
    points.splice(weakest, 1);
    judged.splice(weakest, 1);
    if (weakest > 0) judged[weakest - 1] = judge(weakest - 1);
    if (weakest < points.length) judged[weakest] = judge(weakest);
  }
}
