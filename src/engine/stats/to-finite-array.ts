// The one input check every statistic shares: a non-empty run of finite
// numbers. Typed arrays, plain arrays and `arguments`-likes are all accepted
// and copied, so callers' buffers are never reordered by a sort.

/**
 * Copies `values` into a plain array after checking it is non-empty and every
 * value is finite.
 * @param what names the input in the error message, e.g. `'samples'`.
 * @throws RangeError on an empty input or a NaN/±Infinity value.
 */
export function toFiniteArray(values: ArrayLike<number>, what: string): number[] {
  if (values.length === 0) throw new RangeError(`${what} must not be empty`);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`${what}[${i}] is ${v}; every value must be finite`);
    out[i] = v;
  }
  return out;
}
