// history/YYYY-MM/<case>.jsonl: one compact line per result of one case, in
// the month of the result's time, appended as runs are recorded. Reading a
// case's year reads twelve files of that case only; recording a run appends
// one line to one file per case (see line-file.ts for torn lines).
//
// A store migrated from schema version 2 keeps that version's month files
// (`<case>.json`, one JSON document each) where they are: they are read
// beside the lines, never written again, so the migration does not rewrite
// the history.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecordedResult } from '../model.js';
import { ifExists } from './if-exists.js';
import type { LineAppender } from './line-file.js';
import { forEachLine } from './line-file.js';
import { listMonths } from './list-months.js';
import { toUtcIso } from './month-of.js';
import type { RecordCheck } from './record-check.js';
import { areStrings, checkRecord, isFields } from './record-check.js';
import { OpenLinesFiles, pickHistoryLines } from './pick-history-lines.js';
import type { HistoryEntry, HistoryQuery } from './store.js';
import { corruptStoreFile, parseStoreJson } from './store-file.js';
import type { StoreLayout } from './store-layout.js';
import { toHistoryEntry } from './to-history-entry.js';

// Checks what reading relies on; a year is ~18 000 entries, so no deeper.
const entrySchema = z.looseObject({ runId: z.string(), machine: z.string(), at: z.string() }) as unknown as z.ZodType<HistoryEntry>;
const entryCheck: RecordCheck<HistoryEntry> = { schema: entrySchema, quick: (raw) => isFields(raw) && areStrings(raw, ['runId', 'machine', 'at']) };

/** Files a turn of the event loop keeps open at most (a report's case touches ~3). */
const MAX_OPEN_FILES = 16;

/** Schema version 2's month file. */
const v2FileSchema = z.object({ caseId: z.string(), entries: z.array(entrySchema) });

export class CaseHistory {
  readonly #layout: StoreLayout;
  readonly #appender: LineAppender;
  readonly #months: Set<string>;
  /** Month → whether its folder holds any schema 2 file, listed on first read of the month. */
  readonly #v2Months = new Map<string, boolean>();
  /** Month files open for the reads of this turn of the event loop (a report's ~9 reads of a case); closed after it. */
  #open: OpenLinesFiles | undefined;

  private constructor(layout: StoreLayout, appender: LineAppender, months: string[]) {
    this.#layout = layout;
    this.#appender = appender;
    this.#months = new Set(months);
  }

  /** Lists the month folders; reads no history. */
  static async open(layout: StoreLayout, appender: LineAppender): Promise<CaseHistory> {
    return new CaseHistory(layout, appender, await listMonths(layout.historyDir, 'dirs'));
  }

  /** Appends one line per result to its case's file for the month of its time. */
  append(results: readonly RecordedResult[]): void {
    const files = new Map<string, HistoryEntry[]>();
    for (const recorded of results) {
      const entry = toHistoryEntry(recorded);
      const month = entry.at.slice(0, 7);
      const file = this.#layout.historyFile(month, recorded.result.caseId);
      const entries = files.get(file);
      if (entries) entries.push(entry);
      else files.set(file, [entry]);
      this.#months.add(month);
    }
    for (const [file, entries] of files) this.#appender.append(file, entries);
  }

  /**
   * Oldest first. Reads only the months that can hold the selected entries;
   * with `limit`, from the wanted end, stopping once it has enough, and in
   * those months parses only the lines it keeps (pick-history-lines.ts).
   */
  async read(caseId: string, query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    const limit = query.limit === undefined ? Infinity : Math.max(0, query.limit);
    const since = query.since === undefined ? undefined : toUtcIso(query.since);
    const until = query.until === undefined ? undefined : toUtcIso(query.until);
    const months = [...this.#months].filter((month) => month >= (since?.slice(0, 7) ?? '') && (until === undefined || month <= until.slice(0, 7))).sort();
    const machineOk = (entry: HistoryEntry): boolean => query.machine === undefined || entry.machine === query.machine;
    if (limit === Infinity) {
      // Every line in range: parsed in pieces (forEachLine), the bounds checked only in the months they cut.
      return months.flatMap((month) => {
        const cut = (since !== undefined && month === since.slice(0, 7)) || (until !== undefined && month === until.slice(0, 7));
        const inBounds = (entry: HistoryEntry): boolean => machineOk(entry) && (since === undefined || entry.at >= since) && (until === undefined || entry.at <= until);
        return this.#readMonth(month, caseId, cut ? inBounds : machineOk);
      });
    }

    const oldest = query.oldest === true;
    const bounds = { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) };
    const chunks: HistoryEntry[][] = [];
    let found = 0;
    for (const month of oldest ? months : months.reverse()) {
      if (found >= limit) break;
      const entries = this.#pickMonth(month, caseId, { ...bounds, take: limit - found, oldest }, machineOk);
      chunks.push(entries);
      found += entries.length;
    }
    return (oldest ? chunks : chunks.reverse()).flat();
  }

  /** One month of a case, the entries `keep` accepts, oldest first. */
  #readMonth(month: string, caseId: string, keep: (entry: HistoryEntry) => boolean): HistoryEntry[] {
    return this.readFiles(this.#layout.v2.historyFile(month, caseId), this.#layout.historyFile(month, caseId), caseId, keep);
  }

  /** The `take` newest (or oldest) entries of a month between the bounds that `keep` accepts, oldest first; parses no other line. */
  #pickMonth(month: string, caseId: string, pick: { since?: string; until?: string; take: number; oldest: boolean }, keep: (entry: HistoryEntry) => boolean): HistoryEntry[] {
    const inBounds = (entry: HistoryEntry): boolean => keep(entry) && (pick.since === undefined || entry.at >= pick.since) && (pick.until === undefined || entry.at <= pick.until);
    const v2File = this.#layout.v2.historyFile(month, caseId);
    const linesFile = this.#layout.historyFile(month, caseId);
    // Most months have no schema 2 file, and a failed read throws: only a month that has some is checked per case.
    if (this.#hasV2Files(month) && existsSync(v2File) && readV2File(v2File, caseId).length > 0) {
      // A month migrated from schema 2 (rare, until compaction): read whole.
      const entries = this.readFiles(v2File, linesFile, caseId, inBounds);
      return pick.oldest ? entries.slice(0, pick.take) : entries.slice(Math.max(0, entries.length - pick.take));
    }
    const accept = (raw: unknown, i: number): boolean => keep(checkRecord(raw, linesFile, entryCheck, `record ${i + 1}`));
    return pickHistoryLines(linesFile, { ...pick, accept }, this.#openFiles()) as HistoryEntry[];
  }

  /**
   * The files open in this turn of the event loop. Reads that come together
   * (a report's reads of one case start side by side) share each file's open
   * and what its searches learnt; the files close when the turn ends, so a
   * file rewritten later (compaction) is opened anew.
   */
  #openFiles(): OpenLinesFiles {
    if (this.#open && this.#open.size >= MAX_OPEN_FILES) {
      this.#open.close(); // a turn reading many cases: start over rather than hold many files open
    }
    if (!this.#open) {
      const open = new OpenLinesFiles();
      this.#open = open;
      setImmediate(() => {
        open.close();
        if (this.#open === open) this.#open = undefined;
      });
    }
    return this.#open;
  }

  /**
   * Whether a month's folder holds schema 2 files: one listing per month
   * instead of a failed lookup per case and read (9 of them a case in a
   * report). perflab never writes a schema 2 file (the migration leaves the
   * old ones in place), so a month without one never gets one.
   */
  #hasV2Files(month: string): boolean {
    let has = this.#v2Months.get(month);
    if (has === undefined) {
      has = (ifExists(() => readdirSync(join(this.#layout.historyDir, month))) ?? []).some((name) => name.endsWith('.json'));
      this.#v2Months.set(month, has);
    }
    return has;
  }

  /**
   * A month of one case from its two possible files, oldest first. Compaction
   * rewrites a schema 2 file as lines and then removes it; if it was killed in
   * between, the lines already hold the old entries, so they are not counted twice.
   */
  readFiles(v2File: string, linesFile: string, caseId?: string, keep: (entry: HistoryEntry) => boolean = () => true): HistoryEntry[] {
    // Checked and filtered as parsed: a year is 18 000 entries, and every array
    // between the parse and the answer is work for the garbage collector.
    const entries: HistoryEntry[] = [];
    forEachLine(linesFile, (raw, i) => {
      const entry = checkRecord(raw, linesFile, entryCheck, `record ${i + 1}`);
      if (keep(entry)) entries.push(entry);
    });
    const v2 = readV2File(v2File, caseId);
    if (v2.length === 0) return sortedByTime(entries);
    const appended = new Set(entries.map((entry) => entry.runId));
    return sortedByTime([...v2.filter((entry) => !appended.has(entry.runId) && keep(entry)), ...entries]);
  }
}

/** Schema 2's month file of a case; [] when there is none. Without `caseId`, whichever case it holds. Synchronous, as `readLines`. */
function readV2File(file: string, caseId: string | undefined): HistoryEntry[] {
  const text = ifExists(() => readFileSync(file, 'utf8'));
  if (text === undefined) return [];
  const history = parseStoreJson(text, file, v2FileSchema);
  if (caseId !== undefined && history.caseId !== caseId) throw corruptStoreFile(file, `holds the history of case ${history.caseId}, not of ${caseId}`);
  return history.entries;
}

/** Lines are appended in recording order, which is time order nearly always: sort only when it is not. */
function sortedByTime(entries: HistoryEntry[]): HistoryEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i - 1] as HistoryEntry).at > (entries[i] as HistoryEntry).at) {
      return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    }
  }
  return entries;
}
