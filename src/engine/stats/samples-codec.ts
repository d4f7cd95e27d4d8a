// Raw samples are stored with every result (`Result.samples`), so they must be
// small: 4 bytes a value (Float32, little-endian), base64 for JSON. Float32
// keeps ~7 significant digits, far finer than timing noise.
import { Buffer } from 'node:buffer';

/** At most this many values are stored per result. */
export const MAX_STORED_SAMPLES = 10_000;

const BYTES_PER_VALUE = 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes values as base64 of little-endian Float32.
 *
 * More than `MAX_STORED_SAMPLES` values are thinned systematically: value
 * number ⌊i · n / 10 000⌋ is kept for i = 0 … 9 999, i.e. evenly spaced
 * through the run, in their original (time) order. This keeps the shape of
 * the distribution and any drift over the run, unlike keeping a prefix.
 */
export function encodeSamples(values: ArrayLike<number>): string {
  const n = values.length;
  const kept = Math.min(n, MAX_STORED_SAMPLES);
  const view = new DataView(new ArrayBuffer(kept * BYTES_PER_VALUE));
  for (let i = 0; i < kept; i++) {
    const source = n > MAX_STORED_SAMPLES ? Math.floor((i * n) / MAX_STORED_SAMPLES) : i;
    view.setFloat32(i * BYTES_PER_VALUE, values[source] as number, true);
  }
  return Buffer.from(view.buffer).toString('base64');
}

/**
 * Decodes what `encodeSamples` produced.
 * @throws RangeError when the text is not base64 of a whole number of Float32 values.
 */
export function decodeSamples(encoded: string): Float64Array {
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) {
    throw new RangeError('encoded samples are not valid base64');
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % BYTES_PER_VALUE !== 0) {
    throw new RangeError(`encoded samples hold ${bytes.length} bytes, not a multiple of ${BYTES_PER_VALUE}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float64Array(bytes.length / BYTES_PER_VALUE);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * BYTES_PER_VALUE, true);
  return out;
}
