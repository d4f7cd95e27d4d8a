import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_SAMPLES, decodeSamples, encodeSamples } from '../../../src/engine/stats/samples-codec.js';

describe('encodeSamples / decodeSamples', () => {
  it('stores 1.0 as the IEEE-754 single 0x3F800000, little-endian, in base64', () => {
    const expected = Buffer.from([0x00, 0x00, 0x80, 0x3f]).toString('base64');
    expect(encodeSamples([1])).toBe(expected);
  });

  it('round-trips values exactly to their float32 rounding', () => {
    const values = [0, 1.5, 123.456789, 9.87654321e-7, 3.2e9, -17.25];
    const decoded = decodeSamples(encodeSamples(values));
    expect(Array.from(decoded)).toEqual(values.map((v) => Math.fround(v)));
  });

  it('keeps every value within float32 relative precision (2^-24)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 + i * 0.001234567);
    const decoded = decodeSamples(encodeSamples(values));
    values.forEach((v, i) => expect(Math.abs(decoded[i]! - v) / v).toBeLessThanOrEqual(2 ** -24));
  });

  it('uses four bytes per value', () => {
    expect(Buffer.from(encodeSamples(new Float64Array(300)), 'base64')).toHaveLength(1200);
  });

  it('round-trips an empty series', () => {
    expect(decodeSamples(encodeSamples([]))).toHaveLength(0);
  });

  it('thins more than 10 000 values to evenly spaced ones, in order', () => {
    const values = Array.from({ length: 25_000 }, (_, i) => i);
    const decoded = decodeSamples(encodeSamples(values));
    expect(decoded).toHaveLength(MAX_STORED_SAMPLES);
    // kept index ⌊i · 25 000 / 10 000⌋ = ⌊2.5 i⌋: 0, 2, 5, 7, 10, …
    expect(Array.from(decoded.subarray(0, 5))).toEqual([0, 2, 5, 7, 10]);
    expect(decoded[9_999]).toBe(24_997);
  });

  it('keeps exactly 10 000 values untouched', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    expect(Array.from(decodeSamples(encodeSamples(values)))).toEqual(values);
  });

  it('rejects text that is not base64', () => {
    expect(() => decodeSamples('not base64!')).toThrow(RangeError);
  });

  it('rejects a byte count that is not a whole number of values', () => {
    expect(() => decodeSamples(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(RangeError);
  });
});
