// The standard normal distribution, for the large-sample approximations of
// the Mann–Whitney test and of its confidence interval.
import { errorFunction, probit } from 'simple-statistics';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Φ(z): probability that a standard normal variable is ≤ z (absolute error < 1e-7). */
export function normalCdf(z: number): number {
  // simple-statistics' erf is Numerical Recipes' erfc with fractional error
  // < 1.2e-7, so tail probabilities keep their relative accuracy.
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/**
 * Φ⁻¹(p): the z with Φ(z) = p, for 0 < p < 1.
 *
 * simple-statistics' `probit` uses Winitzki's closed-form inverse erf, which is
 * only good to about 3 significant digits (1.958 for 0.975); two Newton steps
 * on `normalCdf` bring it to the accuracy of the erf itself.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  let z = probit(p);
  for (let step = 0; step < 2; step++) {
    const density = Math.exp(-0.5 * z * z) / SQRT_2PI;
    z -= (normalCdf(z) - p) / density;
  }
  return z;
}
