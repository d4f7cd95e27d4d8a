import { describe, expect, it } from 'vitest';
import { decidePairedConfirmation, PAIRED_SCREEN } from '../../../src/engine/stats/paired-confirm.js';
import type { PairedConfirmDecision, PairedConfirmOptions, PairedRun } from '../../../src/engine/stats/paired-confirm.js';
import { interleavedMachine } from './interleaved-machine.js';
import type { MachineOptions } from './interleaved-machine.js';
import { mulberry32, normals } from './seeded-random.js';

// The project's default threshold (BenchOptions.threshold) is 3%.
const timings: PairedConfirmOptions = { threshold: 0.03, direction: 'lower' };

/** n pairs whose log-ratios are log(ratio) + spread·u, u spread evenly over [−1, 1] in a shuffled order. */
function pairsAround(n: number, ratio: number, spread: number, base = 100): PairedRun[] {
  return Array.from({ length: n }, (_, i) => {
    const u = (((i * 7) % n) - (n - 1) / 2) / ((n - 1) / 2);
    return { baseline: base, candidate: base * ratio * Math.exp(spread * u) };
  });
}

/** Runs the sequential procedure as the lab would: run pairs up to `nextLook` on 'continue', and look again. */
function confirmSequentially(next: () => PairedRun, options: PairedConfirmOptions): PairedConfirmDecision {
  const pairs: PairedRun[] = [];
  let decision = decidePairedConfirmation(pairs, options);
  while (decision.decision === 'continue') {
    while (pairs.length < decision.nextLook) pairs.push(next());
    decision = decidePairedConfirmation(pairs, options);
  }
  return decision;
}

describe('decidePairedConfirmation', () => {
  it('waits for the first look and says when it is', () => {
    expect(decidePairedConfirmation([], timings)).toMatchObject({ decision: 'continue', nextLook: 10 });
    expect(decidePairedConfirmation(pairsAround(9, 1.2, 0.01), timings)).toMatchObject({ decision: 'continue', nextLook: 10 });
  });

  it('confirms a clear 20% slowdown at the first look', () => {
    const d = decidePairedConfirmation(pairsAround(10, 1.2, 0.01), timings);
    expect(d).toMatchObject({ decision: 'regressed', runs: 10 });
    if (d.decision !== 'regressed') return;
    expect(d.ratio).toBeCloseTo(1.2, 12); // the log-ratios are symmetric about log 1.2
    // Every pair slower: one sign pattern in 2¹⁰.
    expect(d.pValue).toBeCloseTo(1 / 1024, 15);
    expect(d.reason).toContain('20.0% worse');
    expect(d.reason).toContain('p = 9.8e-4');
  });

  it('calls a clear speed-up of a timing an improvement, and reverses for a higher-is-better metric', () => {
    expect(decidePairedConfirmation(pairsAround(10, 0.8, 0.01), timings).decision).toBe('improved');
    const throughput: PairedConfirmOptions = { threshold: 0.03, direction: 'higher' };
    expect(decidePairedConfirmation(pairsAround(10, 0.8, 0.01), throughput).decision).toBe('regressed');
    expect(decidePairedConfirmation(pairsAround(10, 1.2, 0.01), throughput).decision).toBe('improved');
  });

  it('splits α over every look, the extra ones too: p = 2/1024 is not enough at the first of six', () => {
    // One pair of ten is faster (the smallest |d|): T⁺ = 54, p = 2/1024 = 0.00195 > 0.01/6 = 0.00167.
    const pairs = pairsAround(10, 1.2, 0.01);
    pairs[0] = { baseline: 100, candidate: 99.9 };
    expect(decidePairedConfirmation(pairs, timings).decision).toBe('continue');
    expect(decidePairedConfirmation(pairs, { ...timings, looks: [10], extraLooks: [] })).toMatchObject({ decision: 'regressed' });
  });

  it('does not alert on a significant change smaller than the threshold, and calls it unchanged', () => {
    const d = decidePairedConfirmation(pairsAround(10, 1.01, 0.002), timings);
    expect(d).toMatchObject({ decision: 'unchanged', runs: 10 });
    if (d.decision === 'unchanged') expect(d.pValue).toBeCloseTo(1 / 1024, 15);
  });

  it('calls it unchanged once a regression is ruled out and the pairs lean too little toward better to report', () => {
    // Seven pairs about even, three where the candidate ran 6–8% faster: the interval reaches far toward
    // better (not shown equal), but ends below +3%, and the paired ratio is within ⅔ of the threshold.
    const ratios = [1.0, 1.004, 0.996, 1.002, 0.93, 0.998, 0.92, 1.001, 0.94, 0.999];
    const d = decidePairedConfirmation(ratios.map((r) => ({ baseline: 100, candidate: 100 * r })), timings);
    expect(d).toMatchObject({ decision: 'unchanged', runs: 10 });
    if (d.decision !== 'unchanged') return;
    expect(d.ciLow).toBeLessThan(0.97);
    expect(d.ciHigh).toBeLessThan(1.03);
    expect(d.reason).toContain('rules out a regression of 3.0%');
    // The same pairs the other way round lean toward worse: a regression is not ruled out, so no verdict yet.
    expect(decidePairedConfirmation(ratios.map((r) => ({ baseline: 100, candidate: 100 / r })), timings).decision).toBe('continue');
  });

  it('goes on when the pairs lean toward an improvement worth reporting, though a regression is ruled out', () => {
    // −2.5% (beyond ⅔ × 3%) ± 4%: not shown at 10 pairs, and not dismissed either.
    const d = decidePairedConfirmation(pairsAround(10, 0.975, 0.04), timings);
    expect(d).toMatchObject({ decision: 'continue', nextLook: 20 });
  });

  it('continues to the next regular look while the interval is too wide', () => {
    expect(decidePairedConfirmation(pairsAround(10, 1.0, 0.08), timings)).toMatchObject({ decision: 'continue', nextLook: 20 });
  });

  it('extends past 30 pairs while the interval straddles the threshold', () => {
    // Ratio 1.015 ± 10%: at 30 pairs the 99.7% interval is about 0.98–1.05, across +3%, and p is not small.
    const d = decidePairedConfirmation(pairsAround(30, 1.015, 0.1), timings);
    expect(d).toMatchObject({ decision: 'continue', nextLook: 40 });
    if (d.decision === 'continue') expect(d.reason).toContain('cap 60');
  });

  it('does not extend past 30 pairs once the interval is clear of the threshold', () => {
    // Same spread, no change: inside ±3% by 30 pairs, so unchanged there (shown equal), not 40.
    expect(decidePairedConfirmation(pairsAround(30, 1.0, 0.05), timings)).toMatchObject({ decision: 'unchanged', runs: 30 });
  });

  it('stops at the cap of 60 pairs as unstable, could not tell, with the evidence kept apart from a finding', () => {
    // +2.5% ± 18%: not shown at 60 pairs, and even the 90% interval still reaches past +3%.
    const d = decidePairedConfirmation(pairsAround(60, 1.025, 0.18), timings);
    expect(d).toMatchObject({ decision: 'unstable', runs: 60, why: { kind: 'undecided', threshold: 0.03 } });
    expect(d).not.toHaveProperty('ratio');
    if (d.decision !== 'unstable') return;
    expect(d.evidence.ratio).toBeCloseTo(1.025, 10);
    expect(d.evidence.ciLow).toBeLessThan(1.03);
    expect(d.evidence.ciHigh).toBeGreaterThan(1.03);
    expect(d.reason).toContain('Could not tell after 60 interleaved pairs (the cap)');
    expect(d.reason).toContain('neither shown nor ruled out');
  });

  it('calls a change of the threshold itself a regression once it is shown', () => {
    // +3% ± 1%: significant at the first look, the interval reaches +3%.
    const d = decidePairedConfirmation(pairsAround(10, 1.03, 0.01), timings);
    expect(d).toMatchObject({ decision: 'regressed', runs: 10 });
  });

  it('does not alert on a shown change below two thirds of the threshold, even with an interval that reaches it', () => {
    // +1.9% ± 1% over 10 pairs: shown (p = 1/1024), but below 2% = ⅔ × 3%.
    expect(decidePairedConfirmation(pairsAround(10, 1.019, 0.01), timings).decision).toBe('unchanged');
  });

  it('gives up at the first look when the pairs are too noisy for more runs to help', () => {
    expect(decidePairedConfirmation(pairsAround(10, 1.0, 0.4), timings)).toMatchObject({ decision: 'unstable', runs: 10, why: { kind: 'noise' } });
  });

  it('does not extend when the machine is too noisy: unstable at 30 pairs, saying how noisy', () => {
    const d = decidePairedConfirmation(pairsAround(30, 1.0, 0.4), timings);
    expect(d).toMatchObject({ decision: 'unstable', runs: 30, why: { kind: 'noise', maxCv: 0.1 } });
    expect(d).not.toHaveProperty('ratio');
  });

  it('gives up as unstable at the cap when bursts hit both sides, and says so in numbers, with no ratio', () => {
    const pairs = pairsAround(60, 1.025, 0.18);
    for (const i of [3, 4, 5, 40, 41]) pairs[i] = { baseline: 180, candidate: 180 * (pairs[i]!.candidate / 100) };
    const d = decidePairedConfirmation(pairs, timings);
    expect(d).toMatchObject({ decision: 'unstable', runs: 60, why: { kind: 'bursts', baselineRuns: 5, candidateRuns: 5, runs: 120 } });
    expect(d).not.toHaveProperty('ratio');
    if (d.decision !== 'unstable' || d.why.kind !== 'bursts') return;
    expect(d.why.stretches).toEqual([
      [3, 5],
      [40, 41],
    ]);
    expect(d.reason).toMatch(/^Could not tell after 60 interleaved pairs: bursts: 10 of 120 runs 1\.8× slower, on both sides \(pairs 4–6, 41–42\)/);
    expect(d.evidence.ratio).toBeGreaterThan(0);
  });

  it('decides on the pairs despite bursts that hit both runs of a pair, and mentions them', () => {
    const pairs = pairsAround(20, 1.2, 0.01);
    for (const i of [6, 7, 8]) pairs[i] = { baseline: 190, candidate: 190 * (pairs[i]!.candidate / 100) };
    const d = decidePairedConfirmation(pairs, timings);
    expect(d).toMatchObject({ decision: 'regressed', runs: 20 });
    if (d.decision === 'regressed') expect(d.reason).toContain('the pairs cancelled bursts: 6 of 40 runs 1.9× slower, on both sides (pairs 7–9)');
  });

  it('cancels a slow drift of the machine that an unpaired comparison would call noise', () => {
    // The machine slows by 60% over 20 pairs; the candidate is exactly 5% slower than its partner.
    const pairs = Array.from({ length: 20 }, (_, i) => ({ baseline: 100 + 3 * i, candidate: 1.05 * (100 + 3 * i) * (1 + ((i % 5) - 2) * 0.001) }));
    expect(decidePairedConfirmation(pairs, timings)).toMatchObject({ decision: 'regressed', runs: 20 });
  });

  it('stops at 20 pairs, not the cap, when the interval projected to the cap would still straddle ±3%, and says why', () => {
    // No change, ±15% spread (pair noise 7.9%, under the 10% limit): at 60 pairs the interval would still be about ±4%.
    const d = decidePairedConfirmation(pairsAround(20, 1.0, 0.15), timings);
    expect(d).toMatchObject({ decision: 'unstable', runs: 20, why: { kind: 'futile', threshold: 0.03, cap: 60 } });
    expect(d).not.toHaveProperty('ratio');
    if (d.decision !== 'unstable' || d.why.kind !== 'futile') return;
    expect(d.why.projectedLow).toBeLessThan(0.97);
    expect(d.why.projectedHigh).toBeGreaterThan(1.03);
    expect(d.reason).toMatch(/^Could not tell after 20 interleaved pairs, and more would not help: the interval \S+ would be about \S+ at the cap of 60 pairs/);
  });

  it('names the bursts when a futile stop comes from runs slow on both sides', () => {
    const pairs = pairsAround(20, 1.0, 0.12);
    for (const i of [3, 4]) pairs[i] = { baseline: 280, candidate: pairs[i]!.candidate };
    pairs[12] = { baseline: 100, candidate: 2.8 * pairs[12]!.candidate };
    const d = decidePairedConfirmation(pairs, timings);
    expect(d).toMatchObject({ decision: 'unstable', runs: 20, why: { kind: 'futile', bursts: { onBothSides: true, baselineRuns: 2, candidateRuns: 1 } } });
    expect(d.reason).toContain('bursts: 3 of 40 runs 2.8× slower, on both sides (pairs 4–5, 13)');
    expect(d.reason).toContain('the machine, not the code, moved');
  });

  it('does not stop for futility at the first look, where 10 pairs cannot say how wide 60 would be', () => {
    expect(decidePairedConfirmation(pairsAround(10, 1.0, 0.15), timings)).toMatchObject({ decision: 'continue', nextLook: 20 });
  });

  it('goes on while the projection still allows an answer: a wide +5% can still be shown by the cap', () => {
    expect(decidePairedConfirmation(pairsAround(20, 1.05, 0.15), timings)).toMatchObject({ decision: 'continue', nextLook: 30 });
  });

  it('screens on the first pairs when asked: a ratio within 40% of the threshold is unchanged at 3 pairs, with the pairs\' range', () => {
    const screened = { ...timings, screenPairs: 3, screenFraction: 0.4 };
    expect(decidePairedConfirmation(pairsAround(2, 1.0, 0.01), screened)).toMatchObject({ decision: 'continue', nextLook: 3 });
    const d = decidePairedConfirmation(pairsAround(3, 1.01, 0.01), screened);
    expect(d).toMatchObject({ decision: 'unchanged', runs: 3 });
    if (d.decision !== 'unchanged') return;
    expect(d.ratio).toBeCloseTo(1.01, 10);
    expect(d.ciLow).toBeCloseTo(1.01 * Math.exp(-0.01), 10);
    expect(d.ciHigh).toBeCloseTo(1.01 * Math.exp(0.01), 10);
    expect(d.pValue).toBeCloseTo(0.25, 10); // one-sided, toward worse: T⁺ ≥ 5 of 6 has 2 chances in 8
    expect(d.reason).toBe('Screened on 3 interleaved pairs: paired ratio 1.010 (range 1.000–1.020), within ±1.2% (40% of the 3.0% threshold), so not worth confirming.');
  });

  it('sends a screened ratio of 40% of the threshold or more, either way, on to the first look, keeping its pairs', () => {
    const screened = { ...timings, screenPairs: 3, screenFraction: 0.4 };
    expect(decidePairedConfirmation(pairsAround(3, 1.013, 0.005), screened)).toMatchObject({ decision: 'continue', nextLook: 10 });
    expect(decidePairedConfirmation(pairsAround(3, 0.987, 0.005), screened)).toMatchObject({ decision: 'continue', nextLook: 10 });
    // At the first look the usual rules decide on all 10 pairs, the screened ones among them.
    expect(decidePairedConfirmation(pairsAround(10, 1.2, 0.01), screened)).toMatchObject({ decision: 'regressed', runs: 10 });
  });

  it('rejects a screen that is not before the first look, or a fraction outside (0, 1]', () => {
    expect(() => decidePairedConfirmation([], { ...timings, screenPairs: 10 })).toThrow(/screenPairs must be an integer from 0 to below the first look \(10\), got 10/);
    expect(() => decidePairedConfirmation([], { ...timings, screenPairs: 2.5 })).toThrow(RangeError);
    expect(() => decidePairedConfirmation([], { ...timings, screenPairs: 3, screenFraction: 0 })).toThrow(/screenFraction must be in \(0, 1\], got 0/);
  });

  it('rejects looks that are not increasing across regular and extra looks', () => {
    expect(() => decidePairedConfirmation([], { ...timings, looks: [20, 10] })).toThrow(RangeError);
    expect(() => decidePairedConfirmation([], { ...timings, looks: [] })).toThrow(RangeError);
    expect(() => decidePairedConfirmation([], { ...timings, looks: [10, 20, 30], extraLooks: [30, 40] })).toThrow(RangeError);
    expect(() => decidePairedConfirmation([], { ...timings, burstFactor: 1 })).toThrow(RangeError);
  });
});

describe('the paired confirmation on a simulated interleaved machine (2% lognormal noise, seeded)', () => {
  const trials = 200;

  function tally(seed: number, machine: MachineOptions, options: PairedConfirmOptions = timings): Map<string, number> {
    const counts = new Map<string, number>();
    for (let t = 0; t < trials; t++) {
      // A stream per trial: how many pairs one trial draws does not change the next trial's data.
      const random = mulberry32(seed * 1000 + t);
      const d = confirmSequentially(interleavedMachine(random, normals(random), machine), options);
      const key = `${d.decision}@${d.decision === 'continue' ? 0 : d.runs}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      counts.set(d.decision, (counts.get(d.decision) ?? 0) + 1);
    }
    return counts;
  }

  it('never regresses on identical code when bursts of 4–6 runs at 1.8× hit both runs of pairs', () => {
    // ~8% of runs start a burst: on average 5 bursts in 60 pairs.
    const counts = tally(31, { baseline: 100, candidate: 100, cv: 0.02, burstChance: 0.08, burstFactor: 1.8, burstRuns: [4, 6] });
    expect(counts.get('regressed') ?? 0).toBe(0);
    expect(counts.get('improved') ?? 0).toBe(0);
    expect((counts.get('unchanged') ?? 0) + (counts.get('unstable') ?? 0)).toBe(trials);
  });

  it('ends most bursty A/A confirmations before the cap (1–3-run bursts at 2.8× on 6% of runs), never calling them regressed', () => {
    const bursty: MachineOptions = { baseline: 100, candidate: 100, cv: 0.03, burstChance: 0.06, burstFactor: 2.8, burstRuns: [1, 3] };
    const counts = tally(35, bursty);
    expect(counts.get('regressed') ?? 0).toBe(0);
    // One-sided α is 1% per direction; this seed gives 2 of 200 'improved', the same 2 as without the stopping rule (which only ends confirmations, never turns one into a change).
    expect(counts.get('improved') ?? 0).toBeLessThanOrEqual(0.01 * trials);
    // Unchanged once a 3% regression is ruled out, or unstable once more pairs could not help: either way before the cap.
    const beforeCap = [...counts].filter(([k]) => /^(unstable|unchanged)@[1-5]0$/.test(k)).reduce((sum, [, v]) => sum + v, 0);
    expect(beforeCap).toBeGreaterThanOrEqual(0.8 * trials);
  });

  it('calls identical code on a quiet machine unchanged, by 30 pairs', () => {
    const counts = tally(36, { baseline: 100, candidate: 100, cv: 0.02 });
    const by30 = ['unchanged@10', 'unchanged@20', 'unchanged@30'].reduce((sum, k) => sum + (counts.get(k) ?? 0), 0);
    expect(by30).toBeGreaterThanOrEqual(0.95 * trials);
  });

  it('never regresses on identical code on a quiet machine', () => {
    const counts = tally(32, { baseline: 100, candidate: 100, cv: 0.02 });
    expect(counts.get('regressed') ?? 0).toBe(0);
  });

  it('finds a real 5% slowdown within 20 pairs in at least 95% of trials', () => {
    const counts = tally(33, { baseline: 100, candidate: 105, cv: 0.02 });
    const by20 = (counts.get('regressed@10') ?? 0) + (counts.get('regressed@20') ?? 0);
    expect(by20).toBeGreaterThanOrEqual(0.95 * trials);
  });

  describe('screened on 4 pairs first (rule 0), at 1.5% noise a run (adjacent pairs spread 2.1%, as measured on the idle VM)', () => {
    const screened = { ...timings, screenPairs: PAIRED_SCREEN.pairs };

    it('settles most identical code at the screen, and never calls it a change', () => {
      const counts = tally(37, { baseline: 100, candidate: 100, cv: 0.015 }, screened);
      expect(counts.get('regressed') ?? 0).toBe(0);
      expect(counts.get('improved') ?? 0).toBe(0);
      expect(counts.get(`unchanged@${PAIRED_SCREEN.pairs}`) ?? 0).toBeGreaterThanOrEqual(0.6 * trials);
    });

    it('still finds a real 3% slowdown in at least 88% of trials, and a 5% one in at least 98%', () => {
      const three = tally(38, { baseline: 100, candidate: 103, cv: 0.015 }, screened);
      const five = tally(39, { baseline: 100, candidate: 105, cv: 0.015 }, screened);
      expect(three.get('regressed') ?? 0).toBeGreaterThanOrEqual(0.88 * trials);
      expect(five.get('regressed') ?? 0).toBeGreaterThanOrEqual(0.98 * trials);
    });
  });

  it('still finds a real 5% slowdown through bursts, by the cap, in at least 95% of trials', () => {
    const counts = tally(34, { baseline: 100, candidate: 105, cv: 0.02, burstChance: 0.03, burstFactor: 1.8, burstRuns: [4, 6] });
    expect(counts.get('regressed') ?? 0).toBeGreaterThanOrEqual(0.95 * trials);
  });
});
