// What `compact` may drop, and what it reports. Defaults in one place.

const DAY = 86_400_000; // ms

export interface CompactOptions {
  /** Raw samples of results recorded longer ago than this are dropped, ms. Default: 90 days. */
  keepSamplesMs?: number;
  /** The time the cutoff is counted back from. Default: now. */
  now?: Date;
}

export interface ResolvedCompactOptions {
  keepSamplesMs: number;
  /** Results recorded before this instant lose their samples (UTC ISO). */
  cutoff: string;
  now: Date;
}

export const DEFAULT_KEEP_SAMPLES_MS = 90 * DAY;

export function resolveCompactOptions(options: CompactOptions = {}): ResolvedCompactOptions {
  const keepSamplesMs = options.keepSamplesMs ?? DEFAULT_KEEP_SAMPLES_MS;
  if (!Number.isFinite(keepSamplesMs) || keepSamplesMs < 0) throw new RangeError(`keepSamplesMs must be a duration ≥ 0 in ms, got ${keepSamplesMs}`);
  const now = options.now ?? new Date();
  return { keepSamplesMs, now, cutoff: new Date(now.getTime() - keepSamplesMs).toISOString() };
}

/** What compaction did. Only samples are ever dropped: summaries, baselines, alerts, findings and audit events stay. */
export interface CompactReport {
  cutoff: string;
  /** Results files (one per run) rewritten: samples dropped, or a schema 2 file compressed. */
  runs: number;
  /** Results that had samples and lost them. */
  results: number;
  /** Size of those files before and after, bytes. */
  bytesBefore: number;
  bytesAfter: number;
  /** Schema 2 history files rewritten as lines (the same entries). */
  historyFiles: number;
}

export function emptyCompactReport(cutoff: string): CompactReport {
  return { cutoff, runs: 0, results: 0, bytesBefore: 0, bytesAfter: 0, historyFiles: 0 };
}

export function addCompactReports(total: CompactReport, part: Partial<CompactReport>): CompactReport {
  return {
    cutoff: total.cutoff,
    runs: total.runs + (part.runs ?? 0),
    results: total.results + (part.results ?? 0),
    bytesBefore: total.bytesBefore + (part.bytesBefore ?? 0),
    bytesAfter: total.bytesAfter + (part.bytesAfter ?? 0),
    historyFiles: total.historyFiles + (part.historyFiles ?? 0),
  };
}
