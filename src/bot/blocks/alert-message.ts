// An open alert as posted to the channel: the body plus its buttons.
import type { Message } from './block-kit.js';
import { actionsFor, alertActions } from './alert-actions.js';
import { alertBody, alertFallback, DEFAULT_MAX_CASES, type AlertView } from './alert-body.js';
import type { SignPayload } from './button-value.js';

export type { AlertCaseView, AlertView } from './alert-body.js';

export interface AlertMessageOptions {
  /** Signs each button's payload so the bot can tell its own buttons from forged ones. Default: unsigned. */
  sign?: SignPayload;
  /** Cases shown as sections; the rest are counted and left to the thread. Default: 10. */
  maxCases?: number;
}

export function alertMessage(view: AlertView, options: AlertMessageOptions = {}): Message {
  const blocks = alertBody(view, options.maxCases ?? DEFAULT_MAX_CASES);
  blocks.push(alertActions(view, actionsFor(view), options.sign));
  return { text: alertFallback(view), blocks };
}
