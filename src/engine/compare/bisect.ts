// Binary search for the first bad commit of a range, as `git bisect` does:
// the commit before the range is good, the last one is bad, and a commit that
// cannot be tested (it does not build) is skipped in favour of a neighbour.

export type BisectVerdict = 'good' | 'bad' | 'skip';

export interface BisectOutcome {
  /** The first bad commit, when the steps pin it down. */
  culprit?: string;
  /** The commits the culprit is among: just the culprit, or several when skipped commits hide it. */
  candidates: string[];
  /** Commits tested, in order, with their verdicts. */
  steps: { commit: string; verdict: BisectVerdict }[];
  skipped: string[];
}

/**
 * `commits` is the range oldest first; its last commit is known bad and the
 * commit before its first is known good. `test` measures one commit.
 */
export async function bisect(commits: readonly string[], test: (commit: string) => Promise<BisectVerdict>): Promise<BisectOutcome> {
  // Invariant: every commit at index ≤ good is good (good = -1: the one before the range); bad is bad.
  let good = -1;
  let bad = commits.length - 1;
  const steps: BisectOutcome['steps'] = [];
  const skipped = new Set<number>();
  while (bad - good > 1) {
    const index = nextToTest(good, bad, skipped);
    if (index === undefined) break; // everything in between was skipped
    const commit = commits[index] as string;
    const verdict = await test(commit);
    steps.push({ commit, verdict });
    if (verdict === 'skip') skipped.add(index);
    else if (verdict === 'bad') bad = index;
    else good = index;
  }
  // Skipped commits between the last good and the first bad one may each be the culprit.
  const candidates = commits.slice(good + 1, bad + 1);
  return {
    ...(candidates.length === 1 ? { culprit: candidates[0] as string } : {}),
    candidates,
    steps,
    skipped: [...skipped].sort((a, b) => a - b).map((i) => commits[i] as string),
  };
}

/** The untested commit closest to the middle of (good, bad), or undefined when all were skipped. */
function nextToTest(good: number, bad: number, skipped: ReadonlySet<number>): number | undefined {
  const middle = Math.floor((good + bad) / 2);
  for (let offset = 0; offset < bad - good; offset++) {
    for (const index of [middle - offset, middle + offset + 1]) {
      if (index > good && index < bad && !skipped.has(index)) return index;
    }
  }
  return undefined;
}
