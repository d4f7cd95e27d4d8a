import type { Message, View } from './types.js';

/** A message as Slack puts it in API answers and payloads: no local fields. */
export function toWireMessage(message: Message): Record<string, unknown> {
  const { channel: _channel, replies: _replies, visibleTo: _visibleTo, ...wire } = message;
  return structuredClone(wire);
}

/** A view as Slack puts it in API answers and payloads: no local fields. */
export function toWireView(view: View): Record<string, unknown> {
  const { userId: _userId, errors: _errors, ...wire } = view;
  return structuredClone(wire);
}
