// What an alert button carries back to the bot. Anyone can post a forged
// `block_actions` payload at an HTTP endpoint, so the value is a small JSON
// object the bot can check: which alert, which action, a version, and (when the
// bot signs) a signature over exactly `{"alertId","action","v"}` in that order.
import { LIMITS } from './block-kit.js';

export const ALERT_ACTIONS = ['accept', 'investigate', 'dismiss', 'rerun', 'known'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** `perflab.accept`, … : what listeners match on. */
export const ACTION_ID: Record<AlertAction, string> = {
  accept: 'perflab.accept',
  investigate: 'perflab.investigate',
  dismiss: 'perflab.dismiss',
  rerun: 'perflab.rerun',
  known: 'perflab.known',
};

export interface ButtonPayload {
  alertId: string;
  action: AlertAction;
  v: 1;
}

/** Signs the canonical payload text; e.g. an HMAC with a server secret, hex or base64url. */
export type SignPayload = (payload: string) => string;
export type VerifyPayload = (payload: string, sig: string) => boolean;

/** The exact text that is signed and verified. */
export function canonicalPayload(payload: ButtonPayload): string {
  return JSON.stringify({ alertId: payload.alertId, action: payload.action, v: payload.v });
}

export function encodeButtonValue(alertId: string, action: AlertAction, sign?: SignPayload): string {
  const payload: ButtonPayload = { alertId, action, v: 1 };
  if (!sign) return canonicalPayload(payload);
  return JSON.stringify({ ...payload, sig: sign(canonicalPayload(payload)) });
}

export type ParsedButtonValue =
  | { ok: true; payload: ButtonPayload }
  | { ok: false; reason: 'malformed' | 'unsigned' | 'bad-signature' };

/**
 * Reads a button value back. Never throws. With `verify`, a value without a
 * valid signature is refused; without it, the caller has chosen not to sign.
 */
export function parseButtonValue(value: unknown, verify?: VerifyPayload): ParsedButtonValue {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return { ok: false, reason: 'malformed' };
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'malformed' };
  const { alertId, action, v, sig } = data as Record<string, unknown>;
  if (typeof alertId !== 'string' || alertId.length === 0 || v !== 1 || !ALERT_ACTIONS.includes(action as AlertAction)) {
    return { ok: false, reason: 'malformed' };
  }
  const payload: ButtonPayload = { alertId, action: action as AlertAction, v: 1 };
  if (verify) {
    if (typeof sig !== 'string') return { ok: false, reason: 'unsigned' };
    let valid = false;
    try {
      valid = verify(canonicalPayload(payload), sig);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true, payload };
}
