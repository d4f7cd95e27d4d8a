// The part of a case's history a diff report looks at (DESIGN §9a), read
// with bounded `Store.history` queries instead of the case's whole year: the
// newest runs, and around each point in time the runs at or before it and
// just after it. `diffReport` over these entries decides exactly what it
// would over the whole history: each of its searches (find-run.ts) stays
// inside one of these stretches, because each stretch holds enough usable
// runs (ok, with a median) for the windows or reaches the end of the history.
// A commit point has no instant to read around, so a report with one reads
// the whole history, as before.
import { isUsable } from '../engine/report/find-run.js';
import type { ResolvedVsPoint } from '../engine/report/vs-point.js';
import type { HistoryEntry, HistoryQuery } from '../engine/store/store.js';

/** A case's history as the lab reads it (this machine's entries). */
export type CaseHistoryRead = (query: Omit<HistoryQuery, 'machine'>) => Promise<HistoryEntry[]>;

/**
 * The entries `diffReport` needs for `points` with `window` runs per side,
 * oldest first.
 */
export async function reportHistory(read: CaseHistoryRead, points: readonly ResolvedVsPoint[], nowMs: number, window: number): Promise<HistoryEntry[]> {
  if (points.some((point) => point.kind === 'commit')) return read({});
  // Latest side and `previous`: the latest usable run, the one before it, and a window before that.
  const reads = [enough(window * 2 + 1, (limit) => read({ limit }))];
  for (const point of points) {
    const at = instantOf(point, nowMs);
    if (at === null) continue;
    reads.push(enough(window, (limit) => read({ until: at, limit })));
    reads.push(enough(window, (limit) => read({ since: at, limit, oldest: true })));
  }
  return merged(await Promise.all(reads));
}

function instantOf(point: ResolvedVsPoint, nowMs: number): string | null {
  if (point.kind === 'ago') return new Date(nowMs - point.ms).toISOString();
  if (point.kind === 'date') return point.at;
  return null;
}

/**
 * Reads more until the entries hold `usable` usable runs, or the read came
 * back short (nothing more to read). The first read asks for half as many
 * again as needed: most runs are usable, and every entry read is a line
 * parsed (it was twice as many plus 8, 31 200 lines for the bench's 200
 * cases instead of 17 800); a stretch of errored runs reads again, 4 × more.
 */
async function enough(usable: number, read: (limit: number) => Promise<HistoryEntry[]>): Promise<HistoryEntry[]> {
  for (let limit = usable + Math.ceil(usable / 2) + 2; ; limit *= 4) {
    const entries = await read(limit);
    if (entries.length < limit || entries.filter(isUsable).length >= usable) return entries;
  }
}

/** The stretches as one history, oldest first, each entry once. */
function merged(stretches: readonly HistoryEntry[][]): HistoryEntry[] {
  const byKey = new Map<string, HistoryEntry>();
  for (const entries of stretches) for (const entry of entries) byKey.set(`${entry.runId}\u0000${entry.at}`, entry);
  return [...byKey.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
