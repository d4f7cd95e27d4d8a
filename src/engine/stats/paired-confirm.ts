// Confirmation (DESIGN §5): the baseline and candidate commits run
// interleaved (A B B A …, a fresh worker each); a baseline run and the
// candidate run next to it in time form a pair, so machine drift that hits
// both runs of a pair cancels in their ratio. The decision works on the
// pairs' log-ratios dᵢ = log cᵢ − log bᵢ (`pairedRatio`: Wilcoxon signed-rank
// test, Pratt zeros, Hodges–Lehmann ratio with its Walsh-average interval).
// This is perflab's only confirmation decision.
//
// Decision rules at the current look k of K (the largest look ≤ the number
// of pairs; before the first look: 'continue'). K counts every look that may
// be taken, the extra ones too:
//
//   0. screened — only with `screenPairs` (n > 0, 4 in perflab): at n pairs, before the
//      first look, a candidate whose paired ratio (Hodges–Lehmann) lies
//      within ±`screenFraction` × threshold of 1 is 'unchanged' without
//      confirmation; anything else goes on to the first look, the n pairs
//      kept. This is the screen for code that changed: a run against the
//      history window cannot tell a 3% change from the machine, whose state
//      moves ~5% for tens of seconds at a time on the idle VM (a fresh
//      run against its window spread 2.0–3.9% in the detection benchmark;
//      two runs side by side differed by 1.1–2.0%, runs ~15 s apart by
//      2.3–3.9%: docs/benchmarks.md, `pairing.bench.ts`), so the baseline's code is run beside the
//      candidate from the start. It decides nothing but "not worth
//      confirming": a change is still only ever shown by rule 1 or 2.
//
//   α_look = α / K. Bonferroni over the looks: the overall one-sided
//   false-alarm rate stays ≤ α however many looks are taken.
//
//   1. regressed — one-sided signed-rank p < α_look in the worse direction
//      (a change is shown), AND a change of threshold size is not ruled out
//      (the interval at 1 − 2·α_look reaches 1 + threshold in the worse
//      direction), AND the paired ratio is at least ⅔ of the threshold worse
//      (so a 1% change on a noisy machine is not alerted because its
//      interval happens to be wide). A real change of exactly the threshold
//      is thus found whenever it is shown, not half the time.
//   2. improved — the same in the better direction.
//   3. unchanged — no regression of threshold size, and no improvement
//      worth reporting: the rule-out interval (at 1 − 2·β, β = 0.01 by
//      default) ends short of 1 + threshold in the worse direction (a
//      regression of the threshold is ruled out), and either it also ends
//      short of 1 − threshold in the better direction (shown equal: two
//      one-sided tests), or the paired ratio is better by less than ⅔ of
//      the threshold (nothing rule 2 could report). β is the chance, at one
//      look, of calling a regression of exactly the threshold unchanged:
//      the miss rate the detection goals bound (≥ 80% caught at +3%), not
//      the false-alarm rate α, so it is not divided over the looks. A real
//      change mostly meets rule 1 first. The verdict carries the interval
//      it rests on; its reason names the level. On the idle machine the
//      99.7% interval made identical command cases run 30–50 pairs to be
//      shown equal. Simulated (200 seeded trials a row, docs/benchmarks.md):
//      identical code at 2% noise is settled after 14.4 pairs on average
//      instead of 19.2, and at 6% noise 46 of 200 are unchanged instead of
//      20 (the rest unstable); +3% at 2% / 3% noise is regressed 196 / 194
//      times instead of 199 / 197; +5% as before. β = 0.05 would settle
//      identical code in 11.2 pairs but lose 8–14 of 200 real +3% changes.
//      perflab watches for regressions: once one is ruled out, more pairs
//      only to rule out an improvement nobody would be told about spend runs
//      for nothing. On the idle machine a suspect whose window was measured
//      cold (`command/gzip 8MB`, −6.8% on the screen) went to 50 pairs to be
//      shown equal; its interval had excluded +3% at the first look.
//   4. unstable if the per-run noise implied by the pairs
//      (1.4826 · MAD(d) / √2) exceeds maxCv — more pairs will not help, so
//      this is judged at every look, the first one too.
//   5. futile — at every look from the second (20 pairs) to the one before
//      the cap: unstable now if the answer cannot become clear by the cap.
//      The interval expected at the cap is the one the pairs so far would
//      give if they went on as they are (the pairs repeated up to the cap,
//      so a share of burst pairs stays that share; its half-width is about
//      √(n / cap) of today's for clean data). Its centre may still move by
//      one standard error, toward whichever answer that helps. If even then
//      it could neither lie inside ±threshold (unchanged) nor exclude no
//      change with an estimate of ⅔ threshold or more (regressed /
//      improved), more pairs would only spend runs: stop, and say why (the
//      bursts when they hit both sides, and the projected interval). Not at
//      the first look: the 99.7% interval of 10 pairs is set by its most
//      extreme pairs, and a projection from it lost real 5% changes on a
//      bursty simulated machine (docs/benchmarks.md).
//      On a simulated machine (200 seeded trials each): identical code with
//      6% noise stopped after 29 pairs on average instead of 59; with 1–3-run bursts
//      at 2.8× on 6% of runs after 44 instead of 50; clean +3% and +5% at
//      2–4% noise were found as often as without the rule.
//   6. before the last regular look (30 pairs by default): continue.
//      From the last regular look on:
//      b. continue to the next extra look (40, 50, 60 by default) only while
//         the interval straddles +threshold or −threshold: the data are not
//         yet able to say on which side of the threshold the change lies.
//         The last extra look is the cap: never more than 60 pairs.
//      c. otherwise unstable — could not tell: because of bursts (runs ≥
//         burstFactor × worse than their side's median on both sides: the
//         machine moved, and the reason says how, in numbers), or because the
//         interval still straddles the threshold at the cap.
//
// An unstable decision carries its evidence (ratio, interval, p) apart from
// the ratio of a finding: from data the machine dominated a ratio would be
// read as a result. Its reason says why in words.
import { medianAbsoluteDeviation } from 'simple-statistics';
import type { Direction } from '../model.js';
import { detectBursts } from './detect-bursts.js';
import type { Bursts } from './detect-bursts.js';
import { pairedRatio } from './paired-ratio.js';
import { normalQuantile } from './normal-distribution.js';
import { MAD_TO_SD } from './robust-noise.js';
import { wilcoxonSignedRank } from './signed-rank.js';

/** Per-run noise implied by the pairs above which confirmation gives up (the default `maxCv`). */
export const CONFIRM_MAX_CV = 0.1;

/** One pair: the per-run medians of a baseline run and the candidate run next to it in time. */
export interface PairedRun {
  baseline: number;
  candidate: number;
}

export interface PairedConfirmOptions {
  /** Smallest relative change worth reporting, e.g. 0.03 for 3%. */
  threshold: number;
  direction: Direction;
  /** overall one-sided false-alarm rate, default 0.01 */
  alpha?: number;
  /** pairs at each regular look, default [10, 20, 30] */
  looks?: readonly number[];
  /** pairs at each look taken past the regular ones only while the interval straddles the threshold; the last is the cap. Default [40, 50, 60] */
  extraLooks?: readonly number[];
  /** per-run noise implied by the pairs above which we give up as unstable, default 0.1 */
  maxCv?: number;
  /** a run this many times worse than its side's median is a burst run, default 1.5 */
  burstFactor?: number;
  /** one-sided chance per look of calling a change of exactly the threshold unchanged (rule 3), default 0.01 */
  beta?: number;
  /** pairs at which the screen (rule 0) looks, before the first look; default 0, no screen */
  screenPairs?: number;
  /** the screen passes a paired ratio within ±screenFraction × threshold of 1; default `PAIRED_SCREEN.fraction` */
  screenFraction?: number;
}

/**
 * The paired screen's defaults (rule 0): 4 pairs, and a change under 40% of
 * the threshold is not confirmed. Simulated (1 000 seeded trials a row,
 * docs/benchmarks.md) at 1.5% noise a run: a real +3% is found 93.7% of the
 * time (3 pairs at half the threshold: 88.5%), +5% 100%, and 73% of
 * identical code stops at the screen; 6.1 pairs on average.
 */
export const PAIRED_SCREEN = { pairs: 4, fraction: 0.4 } as const;

export type UnstableWhy =
  | ({ kind: 'bursts' } & Bursts)
  | {
      kind: 'noise';
      /** Per-run noise implied by the pairs: 1.4826 · MAD(log-ratios) / √2. */
      cv: number;
      maxCv: number;
    }
  | {
      /** The cap was reached with the interval still across the threshold. */
      kind: 'undecided';
      threshold: number;
    }
  | {
      /** Stopped before the cap: the interval projected to the cap could not become clear (rule 5). */
      kind: 'futile';
      threshold: number;
      /** The cap, in pairs. */
      cap: number;
      /** The interval expected at the cap, as ratios. */
      projectedLow: number;
      projectedHigh: number;
      /** Bursts seen so far; `onBothSides` says the machine, not the code, widened the interval. */
      bursts: Bursts;
    };

/** What was measured, kept with an unstable decision but not presented as a finding. */
export interface PairedEvidence {
  ratio: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
}

export type PairedConfirmDecision =
  | { decision: 'continue'; /** pairs to have at the next look */ nextLook: number; reason: string }
  | {
      decision: 'regressed' | 'improved' | 'unchanged';
      /** exp(Hodges–Lehmann estimate of the pair log-ratios): candidate / baseline. */
      ratio: number;
      ciLow: number;
      ciHigh: number;
      /** One-sided signed-rank p in the direction the data lean (the tested direction for regressed/improved). */
      pValue: number;
      /** Pairs, i.e. runs per side. */
      runs: number;
      reason: string;
    }
  | { decision: 'unstable'; runs: number; why: UnstableWhy; evidence: PairedEvidence; reason: string };

interface ResolvedPairedConfirmOptions {
  threshold: number;
  direction: Direction;
  alpha: number;
  looks: readonly number[];
  extraLooks: readonly number[];
  maxCv: number;
  burstFactor: number;
  beta: number;
  screenPairs: number;
  screenFraction: number;
}

function resolvePairedConfirmOptions(options: PairedConfirmOptions): ResolvedPairedConfirmOptions {
  const resolved: ResolvedPairedConfirmOptions = {
    threshold: options.threshold,
    direction: options.direction,
    alpha: options.alpha ?? 0.01,
    looks: options.looks ?? [10, 20, 30],
    extraLooks: options.extraLooks ?? [40, 50, 60],
    maxCv: options.maxCv ?? CONFIRM_MAX_CV,
    burstFactor: options.burstFactor ?? 1.5,
    beta: options.beta ?? 0.01,
    screenPairs: options.screenPairs ?? 0,
    screenFraction: options.screenFraction ?? PAIRED_SCREEN.fraction,
  };
  const { threshold, alpha, looks, extraLooks, maxCv, burstFactor, beta, screenPairs, screenFraction } = resolved;
  if (!(beta > 0 && beta < 0.5)) throw new RangeError(`beta must be in (0, 0.5), got ${beta}`);
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be in (0, 1), got ${threshold}`);
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
  if (!(maxCv > 0)) throw new RangeError(`maxCv must be > 0, got ${maxCv}`);
  if (!(burstFactor > 1)) throw new RangeError(`burstFactor must be > 1, got ${burstFactor}`);
  const all = [...looks, ...extraLooks];
  if (looks.length === 0 || all.some((l, i) => !Number.isInteger(l) || l < 2 || (i > 0 && l <= (all[i - 1] as number)))) {
    throw new RangeError(`looks then extraLooks must be increasing integers ≥ 2, got [${looks.join(', ')}] then [${extraLooks.join(', ')}]`);
  }
  if (!Number.isInteger(screenPairs) || screenPairs < 0 || screenPairs >= (looks[0] as number)) {
    throw new RangeError(`screenPairs must be an integer from 0 to below the first look (${looks[0]}), got ${screenPairs}`);
  }
  if (!(screenFraction > 0 && screenFraction <= 1)) throw new RangeError(`screenFraction must be in (0, 1], got ${screenFraction}`);
  return resolved;
}

/**
 * Decides after the pairs so far (in time order). The current look is the
 * largest look ≤ pairs.length, and all pairs given are used. On 'continue',
 * run pairs until there are `nextLook` of them and ask again.
 *
 * @throws RangeError on invalid options, or values that are not finite and > 0.
 */
export function decidePairedConfirmation(pairs: readonly PairedRun[], options: PairedConfirmOptions): PairedConfirmDecision {
  const resolved = resolvePairedConfirmOptions(options);
  const { threshold, direction, alpha, looks, extraLooks, maxCv, burstFactor, beta, screenPairs } = resolved;
  const allLooks = [...looks, ...extraLooks];
  const runs = pairs.length;
  let lookIndex = -1;
  while (lookIndex + 1 < allLooks.length && (allLooks[lookIndex + 1] as number) <= runs) lookIndex++;
  if (lookIndex < 0) {
    const first = allLooks[0] as number;
    if (screenPairs > 0 && runs < screenPairs) return { decision: 'continue', nextLook: screenPairs, reason: `Waiting for the screen at ${screenPairs} pairs (${runs} so far).` };
    const screened = screenPairs > 0 ? screenOnPairs(pairs, resolved) : null;
    if (screened) return screened;
    return { decision: 'continue', nextLook: first, reason: `Waiting for the first look at ${first} pairs (${runs} so far).` };
  }
  const alphaLook = alpha / allLooks.length;
  const confidence = 1 - 2 * alphaLook;

  const baseline = pairs.map((p) => p.baseline);
  const candidate = pairs.map((p) => p.candidate);
  // 'greater' means the candidate's runs are larger than their partners.
  const worseAlternative = direction === 'lower' ? 'greater' : 'less';
  const betterAlternative = direction === 'lower' ? 'less' : 'greater';
  const paired = pairedRatio(baseline, candidate, confidence, worseAlternative);
  const { ratio, ciLow, ciHigh } = paired;
  const logRatios = baseline.map((b, i) => Math.log(candidate[i] as number) - Math.log(b));
  const pWorse = paired.pValue;
  const pBetter = wilcoxonSignedRank(logRatios, betterAlternative).pValue;
  const bursts = detectBursts(baseline, candidate, direction, burstFactor);

  const worseBy = direction === 'lower' ? ratio - 1 : 1 - ratio;
  const effect = `paired ratio ${ratio.toFixed(3)} (CI ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)} at ${pct(confidence)})`;
  const burstNote = bursts.onBothSides ? `; the pairs cancelled ${burstText(bursts, direction)}` : '';
  const base = { ratio, ciLow, ciHigh, runs };
  // How far toward worse the interval reaches (and toward better), relative.
  const worstEdge = direction === 'lower' ? ciHigh - 1 : 1 - ciLow;
  const bestEdge = direction === 'lower' ? 1 - ciLow : ciHigh - 1;

  if (pWorse < alphaLook && worstEdge >= threshold && worseBy >= (2 * threshold) / 3) {
    return {
      decision: 'regressed',
      ...base,
      pValue: pWorse,
      reason: `Confirmed over ${runs} interleaved pairs: ${pct(worseBy)} worse, ${effect}, one-sided signed-rank p = ${pFmt(pWorse)} < ${pFmt(alphaLook)}${burstNote}.`,
    };
  }
  if (pBetter < alphaLook && bestEdge >= threshold && -worseBy >= (2 * threshold) / 3) {
    return {
      decision: 'improved',
      ...base,
      pValue: pBetter,
      reason: `Confirmed over ${runs} interleaved pairs: ${pct(-worseBy)} better, ${effect}, one-sided signed-rank p = ${pFmt(pBetter)} < ${pFmt(alphaLook)}${burstNote}.`,
    };
  }
  const pValue = Math.min(pWorse, pBetter);
  const ruleOut = pairedRatio(baseline, candidate, 1 - 2 * beta, worseAlternative);
  const ruleOutWorst = direction === 'lower' ? ruleOut.ciHigh - 1 : 1 - ruleOut.ciLow;
  const ruleOutBest = direction === 'lower' ? 1 - ruleOut.ciLow : ruleOut.ciHigh - 1;
  const shownEqual = ruleOutWorst < threshold && ruleOutBest < threshold;
  if (shownEqual || (ruleOutWorst < threshold && -worseBy < (2 * threshold) / 3)) {
    const interval = `paired ratio ${ratio.toFixed(3)} (CI ${ruleOut.ciLow.toFixed(3)}–${ruleOut.ciHigh.toFixed(3)} at ${pct(1 - 2 * beta)})`;
    const how = shownEqual
      ? `lies within ±${pct(threshold)}${pValue < alphaLook ? ` (a change of ${pct(Math.abs(worseBy))} is shown, below the threshold)` : ''}`
      : `rules out a regression of ${pct(threshold)}, and leans ${pct(Math.max(0, -worseBy))} better, too little to report`;
    return {
      decision: 'unchanged',
      ...base,
      ciLow: ruleOut.ciLow,
      ciHigh: ruleOut.ciHigh,
      pValue,
      reason: `Unchanged over ${runs} interleaved pairs: ${interval} ${how}${burstNote}.`,
    };
  }
  const evidence: PairedEvidence = { ratio, ciLow, ciHigh, pValue };
  const noise = (MAD_TO_SD * medianAbsoluteDeviation(logRatios)) / Math.SQRT2;
  if (noise > maxCv) {
    return {
      decision: 'unstable',
      runs,
      why: { kind: 'noise', cv: noise, maxCv },
      evidence,
      reason: `Could not tell after ${runs} interleaved pairs: run-to-run noise ${pct(noise)} (from the pairs) exceeds ${pct(maxCv)}; more runs would not help.`,
    };
  }
  const nextLook = allLooks[lookIndex + 1];
  const cap = allLooks[allLooks.length - 1] as number;
  // Not at the first look: the interval of 10 pairs is set by its most extreme pairs, and a projection from it loses real changes.
  if (nextLook !== undefined && lookIndex >= 1) {
    const futile = projectToCap(pairs, { ratio, ciLow, ciHigh }, cap, alphaLook, threshold, worseAlternative);
    if (futile) {
      const [projectedLow, projectedHigh] = futile;
      const projected = `the interval ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)} would be about ${projectedLow.toFixed(3)}–${projectedHigh.toFixed(3)} at the cap of ${cap} pairs if the pairs went on as they are`;
      const cause = bursts.onBothSides ? `${burstText(bursts, direction)}; the machine, not the code, moved, and ${projected}` : projected;
      return {
        decision: 'unstable',
        runs,
        why: { kind: 'futile', threshold, cap, projectedLow, projectedHigh, bursts },
        evidence,
        reason: `Could not tell after ${runs} interleaved pairs, and more would not help: ${cause}, which would still reach past ±${pct(threshold)} without ruling out no change.`,
      };
    }
  }
  if (lookIndex < looks.length - 1) {
    return { decision: 'continue', nextLook: nextLook as number, reason: `Undecided at ${runs} pairs: ${effect}; next look at ${nextLook} pairs.` };
  }
  const straddles = (ciLow < 1 + threshold && ciHigh > 1 + threshold) || (ciLow < 1 - threshold && ciHigh > 1 - threshold);
  if (straddles && nextLook !== undefined) {
    return {
      decision: 'continue',
      nextLook,
      reason: `The interval straddles the ±${pct(threshold)} threshold at ${runs} pairs: ${effect}; extending to ${nextLook} pairs (cap ${allLooks[allLooks.length - 1]}).`,
    };
  }
  if (bursts.onBothSides) {
    return {
      decision: 'unstable',
      runs,
      why: { kind: 'bursts', ...bursts },
      evidence,
      reason: `Could not tell after ${runs} interleaved pairs: ${burstText(bursts, direction)}; the machine, not the code, moved, and the pairs could not show a change of ${pct(threshold)} either way.`,
    };
  }
  return {
    decision: 'unstable',
    runs,
    why: { kind: 'undecided', threshold },
    evidence,
    reason: `Could not tell after ${runs} interleaved pairs (the cap): the interval ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)} still reaches across ±${pct(threshold)}, so a change of that size is neither shown nor ruled out.`,
  };
}

/**
 * Rule 0: 'unchanged' when the pairs' ratio is within ±screenFraction ×
 * threshold of 1, else null (confirm). The interval it carries is the range
 * of the pairs' own ratios (for 3 pairs, a 75% interval for their
 * pseudo-median), with the one-sided signed-rank p in the direction the data lean.
 */
function screenOnPairs(pairs: readonly PairedRun[], options: ResolvedPairedConfirmOptions): PairedConfirmDecision | null {
  const { threshold, direction, screenFraction } = options;
  const baseline = pairs.map((p) => p.baseline);
  const candidate = pairs.map((p) => p.candidate);
  const worseAlternative = direction === 'lower' ? 'greater' : 'less';
  const { ratio } = pairedRatio(baseline, candidate, 0.5, worseAlternative);
  const worseBy = direction === 'lower' ? ratio - 1 : 1 - ratio;
  const limit = screenFraction * threshold;
  if (Math.abs(worseBy) >= limit) return null;
  const logRatios = baseline.map((b, i) => Math.log(candidate[i] as number) - Math.log(b));
  const ciLow = Math.exp(Math.min(...logRatios));
  const ciHigh = Math.exp(Math.max(...logRatios));
  const lean = worseBy >= 0 ? worseAlternative : worseAlternative === 'greater' ? 'less' : 'greater';
  const { pValue } = wilcoxonSignedRank(logRatios, lean);
  return {
    decision: 'unchanged',
    ratio,
    ciLow,
    ciHigh,
    pValue,
    runs: pairs.length,
    reason: `Screened on ${pairs.length} interleaved pairs: paired ratio ${ratio.toFixed(3)} (range ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)}), within ±${pct(limit)} (${Math.round(screenFraction * 100)}% of the ${pct(threshold)} threshold), so not worth confirming.`,
  };
}

/**
 * Rule 5: the interval expected at `cap` pairs, or null if an answer is
 * still possible there. The expected interval is the one the same pairs
 * would give if they went on as they are: the pairs repeated up to `cap`
 * (so a share of burst pairs stays that share). Its centre may still move,
 * by one standard error of today's estimate (the projected half-width times
 * √(cap / pairs), over the normal quantile of the interval's confidence),
 * toward whichever answer it helps.
 */
function projectToCap(pairs: readonly PairedRun[], now: { ratio: number; ciLow: number; ciHigh: number }, cap: number, alphaLook: number, threshold: number, alternative: 'greater' | 'less'): [number, number] | null {
  const repeated = Array.from({ length: cap }, (_, i) => pairs[i % pairs.length] as PairedRun);
  const atCap = pairedRatio(
    repeated.map((p) => p.baseline),
    repeated.map((p) => p.candidate),
    1 - 2 * alphaLook,
    alternative,
  );
  const centre = Math.log(atCap.ratio);
  const below = centre - Math.log(atCap.ciLow);
  const above = Math.log(atCap.ciHigh) - centre;
  const se = (((below + above) / 2) * Math.sqrt(cap / pairs.length)) / normalQuantile(1 - alphaLook);
  const upper = Math.log(1 + threshold);
  const lower = Math.log(1 - threshold);
  // Unchanged: the centre moved toward 0 by up to one se, the interval inside ±threshold.
  const nearest = Math.sign(centre) * Math.max(0, Math.abs(centre) - se);
  const canBeUnchanged = nearest - below > lower && nearest + above < upper;
  // A change: the centre moved away from 0 by one se, at least ⅔ of the threshold, and the interval clear of 0.
  const farthest = centre >= 0 ? centre + se : centre - se;
  const canBeChange = farthest >= 0 ? farthest >= Math.log(1 + (2 * threshold) / 3) && farthest - below > 0 : farthest <= Math.log(1 - (2 * threshold) / 3) && farthest + above < 0;
  if (canBeUnchanged || canBeChange) return null;
  return [atCap.ciLow, atCap.ciHigh];
}

/** "bursts: 9 of 60 runs 1.8× slower, on both sides (pairs 4–6, 15–17)". */
function burstText(bursts: Bursts, direction: Direction): string {
  const count = bursts.baselineRuns + bursts.candidateRuns;
  const where = bursts.stretches.map(([a, b]) => (a === b ? `${a + 1}` : `${a + 1}–${b + 1}`)).join(', ');
  const worse = direction === 'lower' ? 'slower' : 'lower';
  const sides = bursts.onBothSides ? 'on both sides' : bursts.baselineRuns > 0 ? 'on the baseline only' : 'on the candidate only';
  const single = bursts.stretches.length === 1 && bursts.stretches[0]?.[0] === bursts.stretches[0]?.[1];
  return `bursts: ${count} of ${bursts.runs} runs ${bursts.factor.toFixed(1)}× ${worse}, ${sides} (${single ? 'pair' : 'pairs'} ${where})`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function pFmt(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
