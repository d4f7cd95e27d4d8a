// Whatever a property threw — an Error, a string, an object — as plain text
// that crosses the thread boundary and reads well in a finding.
import type { ErrorInfo } from './fuzz-task.js';

export function toErrorInfo(value: unknown): ErrorInfo {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack ?? `${value.name}: ${value.message}` };
  const text = typeof value === 'string' ? value : safeJson(value);
  return { name: 'thrown value', message: text, stack: text };
}

/** `TypeError: x is undefined` (first line of the message only), or the thrown value itself. */
export function errorLine(error: Pick<ErrorInfo, 'name' | 'message'>): string {
  const first = error.message.split('\n')[0] ?? '';
  return error.name === 'thrown value' ? first : `${error.name}: ${first}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
