// A simulated machine for paired-confirmation tests: baseline (A) and
// candidate (B) run interleaved A B B A A B B A …, and the machine sometimes
// slows down for a few consecutive runs whatever is running on it.
import type { PairedRun } from '../../../src/engine/stats/paired-confirm.js';

export interface MachineOptions {
  /** true per-run median of the baseline */
  baseline: number;
  /** true per-run median of the candidate */
  candidate: number;
  /** lognormal run-to-run noise, e.g. 0.02 */
  cv: number;
  /** chance that a burst starts at any run, e.g. 0.03 */
  burstChance?: number;
  /** how much slower the machine is during a burst, e.g. 1.8 */
  burstFactor?: number;
  /** burst length in runs, drawn uniformly from [min, max] */
  burstRuns?: [number, number];
}

/** An endless stream of pairs: pair i is runs 2i and 2i+1 in time; odd pairs run the candidate first. */
export function interleavedMachine(random: () => number, normal: () => number, options: MachineOptions): () => PairedRun {
  const { burstChance = 0, burstFactor = 1, burstRuns = [4, 6] } = options;
  let burstLeft = 0;
  let pair = 0;
  const run = (centre: number): number => {
    if (burstLeft === 0 && random() < burstChance) burstLeft = burstRuns[0] + Math.floor(random() * (burstRuns[1] - burstRuns[0] + 1));
    const machine = burstLeft > 0 ? burstFactor : 1;
    if (burstLeft > 0) burstLeft--;
    return centre * machine * Math.exp(options.cv * normal());
  };
  return () => {
    const candidateFirst = pair % 2 === 1;
    pair++;
    if (candidateFirst) {
      const candidate = run(options.candidate);
      return { candidate, baseline: run(options.baseline) };
    }
    const baseline = run(options.baseline);
    return { baseline, candidate: run(options.candidate) };
  };
}
