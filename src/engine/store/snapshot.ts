// Records kept in memory (runs, baselines, alerts, audit events) are handed out
// by synchronous getters. Freezing them means a caller cannot change the store's
// index behind its back; the JSON round trip means what a caller reads now is
// exactly what a fresh process will read back from disk (no `undefined` fields,
// no shared references to the caller's objects).

/** A deep-frozen JSON copy of `value`. */
export function snapshot<T>(value: T): T {
  return deepFreeze(JSON.parse(JSON.stringify(value)) as T);
}

/** Freezes a value that came from `JSON.parse` (plain objects and arrays only). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
