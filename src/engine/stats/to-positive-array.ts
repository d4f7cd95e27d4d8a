// Ratios and logs need strictly positive values: the input check the
// ratio statistics share (ratio-ci.ts has an older private copy of it).
import { toFiniteArray } from './to-finite-array.js';

/**
 * Copies `values` after checking it is non-empty and every value is finite and > 0.
 * @param what names the input in the error message, e.g. `'baseline'`.
 * @throws RangeError on an empty input, a non-finite value or a value ≤ 0.
 */
export function toPositiveArray(values: ArrayLike<number>, what: string): number[] {
  const xs = toFiniteArray(values, what);
  const bad = xs.findIndex((v) => v <= 0);
  if (bad >= 0) throw new RangeError(`${what}[${bad}] is ${xs[bad]}; ratios need values > 0`);
  return xs;
}
