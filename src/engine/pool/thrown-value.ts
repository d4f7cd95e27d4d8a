// Whatever was thrown — an Error, a string, an object — as plain data that
// crosses the thread boundary and reads well in a message or a finding.

export interface ThrownValue {
  name: string;
  message: string;
  stack: string;
}

export function toThrownValue(value: unknown): ThrownValue {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack ?? `${value.name}: ${value.message}` };
  const text = typeof value === 'string' ? value : safeJson(value);
  return { name: 'thrown value', message: text, stack: text };
}

/** `TypeError: x is undefined` (first line of the message only), or the thrown value itself. */
export function thrownLine(error: Pick<ThrownValue, 'name' | 'message'>): string {
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
