// Student's t distribution, for the Welch t-test that E-Divisive uses to
// judge a candidate change point. Welch's degrees of freedom are not
// integers, so this works for any real df > 0.
import { gammaln } from 'simple-statistics';

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, real).
 *
 * Through the regularized incomplete beta function:
 * P(T ≤ −|t|) = ½ · I_x(df/2, ½) with x = df / (df + t²), evaluated directly
 * in the far tail so small p-values keep their relative accuracy (about 1e-13).
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('t must not be NaN');
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const lowerTail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t <= 0 ? lowerTail : 1 - lowerTail;
}

/**
 * I_x(a, b), the regularized incomplete beta function, by its continued
 * fraction (modified Lentz), on the side of the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges fast
 * (Numerical Recipes, 3rd ed., §6.4).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`a and b must be > 0, got ${a} and ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`x must be in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_ITERATIONS = 1000;

function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // even step
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  // Not reached for the (a, b) a t-test produces; say so rather than return a wrong p.
  throw new RangeError(`incomplete beta did not converge for x = ${x}, a = ${a}, b = ${b}`);
}
