// The statistics stage: pure functions over samples (DESIGN §5).
export { summarize } from './summarize.js';
export { encodeSamples, decodeSamples, MAX_STORED_SAMPLES } from './samples-codec.js';
export { robustCv, MAD_TO_SD } from './robust-noise.js';
export { screen } from './screen.js';
export type { ScreenOptions, ScreenOutcome } from './screen.js';
export { mannWhitneyU } from './mann-whitney.js';
export type { Alternative, MannWhitneyResult } from './mann-whitney.js';
export { ratioCi } from './ratio-ci.js';
export type { RatioCi } from './ratio-ci.js';
export { decideConfirmation, nextLookSize } from './confirm.js';
export type { ConfirmOptions, ConfirmDecision } from './confirm.js';
export { uNullDistribution, EXACT_LIMIT } from './u-null-distribution.js';
export type { UNullDistribution } from './u-null-distribution.js';
export { normalCdf, normalQuantile } from './normal-distribution.js';
