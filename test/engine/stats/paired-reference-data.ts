// The paired data sets of reference/paired_reference.py, which computed the
// expected values pasted into signed-rank.test.ts and paired-ratio.test.ts.

/** Set A: 12 pairs, distinct |log ratios|, no zeros — the exact distribution applies. */
export const setA = {
  baseline: [100, 102, 98, 101, 99.5, 100.5, 103, 97, 100.2, 101.7, 98.8, 99.9],
  candidate: [104.1, 103.5, 101.2, 106, 99.1, 104.9, 108.2, 99.4, 103.3, 100.9, 103, 105.6],
};

/** Set B: 20 pairs of integer medians (a coarse timer): 5 zero differences and ties. */
export const setB = {
  baseline: [50, 51, 50, 52, 49, 50, 51, 50, 53, 50, 49, 51, 50, 52, 50, 51, 50, 49, 50, 51],
  candidate: [51, 51, 52, 52, 50, 51, 53, 50, 54, 52, 50, 51, 52, 53, 51, 52, 49, 50, 52, 51],
};

/** Set C: 60 pairs from a formula (the same integer arithmetic as the script): above the exact limit, with zeros and ties. */
export const setC = (() => {
  // Integers, so any tie among |log ratios| is an exact one (the same or the
  // swapped (b, c) pair) in every language's floating point.
  const baseline = Array.from({ length: 60 }, (_, i) => 200 + ((i * 37) % 11));
  const candidate = baseline.map((b, i) => b + ((i * 53) % 17) - 5);
  return { baseline, candidate };
})();

/** dᵢ = log cᵢ − log bᵢ. */
export function logRatios(set: { baseline: readonly number[]; candidate: readonly number[] }): number[] {
  return set.baseline.map((b, i) => Math.log(set.candidate[i]!) - Math.log(b));
}
