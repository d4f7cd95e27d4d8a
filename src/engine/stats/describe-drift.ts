// The human sentence of a drift alert: how much a case moved, between which
// commits, over how many. Pure, so the Slack builder and the CLI say the same.
import type { ChangePoint } from './e-divisive.js';

export interface DescribeDriftOptions {
  /** characters of a commit id to show, default 7 (git's short form); shorter ids are shown whole */
  abbrev?: number;
}

/**
 * "+5.8% between a1b2c3 and d4e5f6, over 5 commits".
 *
 * `changePoints` are those of one drift, in order (one, or a few close
 * together, as `eDivisive` returns for a change spread over several
 * commits); `commits[i]` is the commit of point i of the series they came
 * from. The size is the mean after the last change point over the mean
 * before the first; the commits are the last one before the drift (the one
 * before the first change point) and the first one at the new level (the
 * last change point's); the count is the commits after the first up to and
 * including the second.
 *
 * @throws RangeError on no change points, change points out of order, or an
 *   index with no commit before it.
 */
export function describeDrift(
  changePoints: readonly Pick<ChangePoint, 'index' | 'meanBefore' | 'meanAfter'>[],
  commits: readonly string[],
  options: DescribeDriftOptions = {},
): string {
  const abbrev = options.abbrev ?? 7;
  if (!Number.isInteger(abbrev) || abbrev < 1) throw new RangeError(`abbrev must be a positive integer, got ${abbrev}`);
  const first = changePoints[0];
  const last = changePoints[changePoints.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('a drift needs at least one change point');
  changePoints.forEach((c, i) => {
    if (!Number.isInteger(c.index) || c.index < 1 || c.index >= commits.length) {
      throw new RangeError(`change point ${i} is at index ${c.index}, but the ${commits.length} commits allow 1 … ${commits.length - 1}`);
    }
    if (i > 0 && c.index <= (changePoints[i - 1]?.index ?? -1)) throw new RangeError('change points must be in increasing index order');
  });
  const change = last.meanAfter / first.meanBefore - 1;
  const from = (commits[first.index - 1] as string).slice(0, abbrev);
  const to = (commits[last.index] as string).slice(0, abbrev);
  const count = last.index - first.index + 1;
  const sign = change >= 0 ? '+' : '−';
  return `${sign}${Math.abs(change * 100).toFixed(1)}% between ${from} and ${to}, ${count === 1 ? 'in one commit' : `over ${count} commits`}`;
}
