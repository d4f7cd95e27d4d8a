// One cell of a diff report: the latest results of a case against the run
// that stands for one point in time (DESIGN §9a). This file decides the mark.
//
// Windows. Runs are the case's usable runs, oldest first; L is the latest,
// j the matched run (j < L, or j = L when nothing ran after the point), and
// k the window size (default 5).
//   - latest side: the last k runs after j, i.e. [max(j + 1, L − k + 1), L];
//   - point side: k runs around j, j included, never reaching into the latest
//     side: as centred as the history allows, [j − ⌊(k−1)/2⌋, …], shifted
//     back where it would overlap the latest side and forward where it would
//     start before the first run, then cut to what exists.
// So the two sides never share a run, and the split always falls between j and
// j + 1: "vs previous" (j = L − 1) is 1 latest run against k runs up to the
// previous one, which no test can call significant — one run is one run.
//
// Statistics on the per-run medians of the two sides (the same numbers
// `perflab history --json` lists):
//   ratio, CI   `ratioCi(point, latest, 1 − α)`: ratio of the sides' medians,
//               Hodges–Lehmann/Moses interval for the multiplicative shift;
//   p           two-sided Mann–Whitney, `mannWhitneyU(latest, point)`;
//   insufficient when no outcome at all could reach p < α with these sizes
//               (2 / C(n + m, n) ≥ α; with the defaults, k = 5 and
//               α = 0.01, anything short of 5 runs against 5), or a side is
//               empty;
//   regressed   p < α AND the ratio is beyond the threshold the worse way
//               (≥ 1 + threshold for lower-is-better, ≤ 1 − threshold for
//               higher-is-better); improved the same the better way — the
//               rule confirmation uses: significant and big enough to matter;
//   unchanged   otherwise.
import type { Direction } from '../model.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { ratioCi } from '../stats/ratio-ci.js';
import { uNullDistribution } from '../stats/u-null-distribution.js';

/** The run a point matched. */
export interface DiffRun {
  runId: string;
  commit: string | null;
  /** UTC ISO. */
  at: string;
}

/** Runs behind each side of a cell. */
export interface DiffRuns {
  latest: number;
  point: number;
}

interface CellBase {
  /** The point's label, as in the report's `points`. */
  point: string;
}

/** Both sides had enough runs to test. */
export interface ComparedCell extends CellBase {
  mark: 'regressed' | 'improved' | 'unchanged';
  run: DiffRun;
  /** median(latest side) / median(point side). */
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** Two-sided Mann–Whitney p-value. */
  pValue: number;
  runs: DiffRuns;
}

/** A run matched, but a side has too few runs for any outcome to be significant; numbers are null when a side is empty. */
export interface InsufficientCell extends CellBase {
  mark: 'insufficient';
  run: DiffRun;
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  runs: DiffRuns;
}

/**
 * Nothing to compare with. `reason`: `too-far-back` (no run at or before the
 * point), `no-earlier-run` (for `previous`), `commit-not-run` (no run of that
 * commit), `no-latest` (the case has no ok result at all).
 */
export interface NoDataCell extends CellBase {
  mark: 'no-data';
  reason: 'too-far-back' | 'no-earlier-run' | 'commit-not-run' | 'no-latest';
  run: null;
  ratio: null;
  ciLow: null;
  ciHigh: null;
  pValue: null;
  runs: DiffRuns;
}

export type DiffCell = ComparedCell | InsufficientCell | NoDataCell;
export type DiffMark = DiffCell['mark'];

/** How a cell is decided; resolved once per report. */
export interface CellRule {
  window: number;
  alpha: number;
  /** Relative, e.g. 0.03. */
  threshold: number;
  direction: Direction;
}

/** A usable run: ok, with a finite median > 0. */
export interface UsableRun extends DiffRun {
  median: number;
}

/** Index ranges [from, to) of the two sides; exported so tests and docs can state the rule by example. */
export function diffWindows(matched: number, latest: number, window: number): { latest: [number, number]; point: [number, number] } {
  const latestFrom = Math.max(matched + 1, latest - window + 1);
  const top = latestFrom - 1; // the last run the point side may use
  const from = Math.max(0, Math.min(matched - Math.floor((window - 1) / 2), top - window + 1));
  return { latest: [latestFrom, latest + 1], point: [from, Math.min(top, from + window - 1) + 1] };
}

/** The cell for `runs[matched]` against the latest run `runs[latest]` (matched ≤ latest). */
export function diffCell(point: string, runs: readonly UsableRun[], matched: number, latest: number, rule: CellRule): ComparedCell | InsufficientCell {
  const matchedRun = runs[matched] as UsableRun;
  const run: DiffRun = { runId: matchedRun.runId, commit: matchedRun.commit, at: matchedRun.at };
  const sides = diffWindows(matched, latest, rule.window);
  const latestMedians = runs.slice(...sides.latest).map((r) => r.median);
  const pointMedians = runs.slice(...sides.point).map((r) => r.median);
  const counts: DiffRuns = { latest: latestMedians.length, point: pointMedians.length };
  if (counts.latest === 0 || counts.point === 0) {
    return { point, mark: 'insufficient', run, ratio: null, ciLow: null, ciHigh: null, pValue: null, runs: counts };
  }

  const { ratio, ciLow, ciHigh } = ratioCi(pointMedians, latestMedians, 1 - rule.alpha);
  const { pValue } = mannWhitneyU(latestMedians, pointMedians, 'two-sided');
  const numbers = { run, ratio, ciLow, ciHigh, pValue, runs: counts };
  const smallestP = Math.min(1, 2 * uNullDistribution(counts.latest, counts.point).cdf(0));
  if (smallestP >= rule.alpha) return { point, mark: 'insufficient', ...numbers };

  const worseBy = rule.direction === 'lower' ? ratio - 1 : 1 - ratio;
  const significant = pValue < rule.alpha;
  const mark = significant && worseBy >= rule.threshold ? 'regressed' : significant && -worseBy >= rule.threshold ? 'improved' : 'unchanged';
  return { point, mark, ...numbers };
}
