import { describe, expect, it } from 'vitest';
import { canonicalPayload, encodeButtonValue, parseButtonValue } from '../../../src/bot/blocks/button-value.js';

const secret = (payload: string): string => `ok(${payload.length})`;
const verify = (payload: string, sig: string): boolean => sig === secret(payload);

describe('button values', () => {
  it('reads back what it wrote', () => {
    expect(parseButtonValue(encodeButtonValue('al-1', 'dismiss'))).toEqual({ ok: true, payload: { alertId: 'al-1', action: 'dismiss', v: 1 } });
  });

  it('verifies a signed value over the canonical payload', () => {
    const value = encodeButtonValue('al-1', 'accept', secret);
    expect(JSON.parse(value).sig).toBe(secret(canonicalPayload({ alertId: 'al-1', action: 'accept', v: 1 })));
    expect(parseButtonValue(value, verify)).toEqual({ ok: true, payload: { alertId: 'al-1', action: 'accept', v: 1 } });
  });

  it('refuses an unsigned value when the bot verifies', () => {
    expect(parseButtonValue(encodeButtonValue('al-1', 'accept'), verify)).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('refuses a value whose alert was changed after signing', () => {
    const forged = JSON.stringify({ ...JSON.parse(encodeButtonValue('al-1', 'accept', secret)), alertId: 'al-2222' });
    expect(parseButtonValue(forged, verify)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a value when the verifier throws', () => {
    const value = encodeButtonValue('al-1', 'accept', secret);
    expect(parseButtonValue(value, () => { throw new Error('bad key'); })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['not json', '{alertId'],
    ['a number', 42],
    ['null', 'null'],
    ['an unknown action', JSON.stringify({ alertId: 'a', action: 'delete', v: 1 })],
    ['another version', JSON.stringify({ alertId: 'a', action: 'accept', v: 2 })],
    ['an empty alert id', JSON.stringify({ alertId: '', action: 'accept', v: 1 })],
    ['a huge value', JSON.stringify({ alertId: 'a'.repeat(3000), action: 'accept', v: 1 })],
  ])('calls %s malformed, without throwing', (_what, value) => {
    expect(parseButtonValue(value)).toEqual({ ok: false, reason: 'malformed' });
  });
});
