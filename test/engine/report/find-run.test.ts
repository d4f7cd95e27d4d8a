import { describe, expect, it } from 'vitest';
import { diffWindows } from '../../../src/engine/report/diff-cell.js';
import { isUsable, lastUsableAtOrBefore, lastUsableOfCommit, nearbyRuns } from '../../../src/engine/report/find-run.js';
import type { HistoryEntry } from '../../../src/engine/store/store.js';
import { mulberry32 } from '../stats/seeded-random.js';
import { DAY, HOUR, syntheticHistory } from './synthetic-history.js';

const NOW = Date.UTC(2025, 5, 1);

/** A history in which about a third of the entries are errored or have no median. */
function patchyHistory(): HistoryEntry[] {
  const random = mulberry32(3);
  return syntheticHistory({ now: NOW, days: 3 }).map((e): HistoryEntry => {
    const r = random();
    if (r < 0.2) return { ...e, state: 'errored', median: undefined };
    if (r < 0.33) return { ...e, median: undefined };
    return e;
  });
}

describe('nearbyRuns', () => {
  it('gives the same windows as windowing every usable run, wherever the matched run is', () => {
    // Arrange: the slow, obvious way — filter first, then window.
    const history = patchyHistory();
    const usable: HistoryEntry[] = history.filter(isUsable);
    const latest = history.length - 1 - [...history].reverse().findIndex(isUsable);

    for (const window of [2, 5, 7]) {
      for (let matched = 0; matched <= latest; matched++) {
        if (!isUsable(history[matched]!)) continue;
        // Act
        const near = nearbyRuns(history, matched, latest, window);
        const nearSides = diffWindows(near.matched, near.latest, window);
        // Assert
        const all = diffWindows(usable.indexOf(history[matched]!), usable.length - 1, window);
        const ids = (runs: readonly HistoryEntry[], [from, to]: [number, number]) => runs.slice(from, to).map((r) => r.runId);
        expect({ latest: ids(near.runs, nearSides.latest), point: ids(near.runs, nearSides.point) }).toEqual({
          latest: ids(usable, all.latest),
          point: ids(usable, all.point),
        });
      }
    }
  });
});

describe('lastUsableAtOrBefore', () => {
  it('takes a run exactly at the point, and steps back over unusable ones', () => {
    const history = syntheticHistory({ now: NOW, days: 1 });
    const at = Date.parse(history[10]!.at);
    history[10] = { ...history[10]!, state: 'errored', median: undefined };

    expect(lastUsableAtOrBefore(history, at + 1)).toBe(9);
    expect(lastUsableAtOrBefore(history, Date.parse(history[9]!.at))).toBe(9);
  });

  it('finds nothing before the first run', () => {
    const history = syntheticHistory({ now: NOW, days: 1 });

    expect(lastUsableAtOrBefore(history, NOW - 2 * DAY)).toBe(-1);
    expect(lastUsableAtOrBefore([], NOW)).toBe(-1);
  });

  it('takes the last run when the point is after all of them', () => {
    const history = syntheticHistory({ now: NOW - HOUR, days: 1 });

    expect(lastUsableAtOrBefore(history, NOW)).toBe(history.length - 1);
  });
});

describe('lastUsableOfCommit', () => {
  it('takes the last usable run of a commit that ran more than once', () => {
    const history = syntheticHistory({ now: NOW, days: 1 }).map((e, i) => ({ ...e, commit: i % 2 === 0 ? 'a'.repeat(40) : 'b'.repeat(40) }));
    history[22] = { ...history[22]!, state: 'errored', median: undefined };

    expect(lastUsableOfCommit(history, 'a'.repeat(40))).toBe(20);
  });
});
