// What a page derives from a case's whole history, remembered between views:
// its change points (E-Divisive over a year of 18,000 medians takes a few
// hundred milliseconds on a small machine) and its direction (read from the
// newest run's stored results). A history is append-only, so its length and
// its first and newest runs identify it; the first view after a new run pays
// once. Kept per lab, so a lab that is let go takes its memo with it.
import type { HistoryEntry } from '../engine/store/store.js';

const memo = new WeakMap<object, Map<string, { key: string; value: Promise<unknown> }>>();

/** `compute()`, remembered for this lab, case and `what` until the case's history changes. */
export function memoByHistory<T>(lab: object, what: string, caseId: string, entries: readonly HistoryEntry[], compute: () => Promise<T> | T): Promise<T> {
  let known = memo.get(lab);
  if (!known) memo.set(lab, (known = new Map()));
  const slot = `${what}\u0000${caseId}`;
  const key = `${entries.length}:${entries[0]?.runId ?? ''}:${entries.at(-1)?.runId ?? ''}`;
  const hit = known.get(slot);
  if (hit?.key === key) return hit.value as Promise<T>;
  const value = Promise.resolve().then(compute);
  known.set(slot, { key, value });
  // A failure is not remembered: the next view tries again.
  value.catch(() => known.get(slot)?.value === value && known.delete(slot));
  return value;
}
