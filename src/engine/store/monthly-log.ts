// Records of one kind (runs, audit events, closed alerts), one JSON-lines file
// per month, appended to and read lazily: opening the store only lists the
// months, and a month is read the first time something asks for it, so
// opening does not grow with the store's age.
//
// A month once read stays in memory (a month of runs is ~1 MB of objects).
// Reading everything (an unknown run id, `listRuns()` without a limit) holds
// all of it, as the store did before months were read lazily.
import { readFileSync } from 'node:fs';
import { listMonths } from './list-months.js';
import type { LineAppender } from './line-file.js';
import { forEachLine } from './line-file.js';
import { deepFreeze } from './snapshot.js';
import type { RecordCheck } from './record-check.js';
import { checkRecord } from './record-check.js';

export interface MonthlyLogOptions<T> {
  /** Folder holding the `YYYY-MM.jsonl` files. */
  dir: string;
  file: (month: string) => string;
  /** Validates one record (what the store relies on). */
  record: RecordCheck<T>;
  /** The record's timestamp, which decides its order in `newestFirst`. */
  timeOf: (record: T) => string;
  /**
   * Records with the same key are versions of one thing (a run begun, then
   * finished): the last one written wins, in the place of the first.
   */
  keyOf?: (record: T) => string;
  /** fsync each append (see line-file.ts). */
  durable?: boolean;
}

interface Month<T> {
  /** Oldest version first; with `keyOf`, one per key, in first-appearance order, holding the last version. */
  records: T[];
  index: Map<string, number>;
}

export class MonthlyLog<T> {
  readonly #options: MonthlyLogOptions<T>;
  readonly #appender: LineAppender;
  readonly #months: Set<string>;
  readonly #loaded = new Map<string, Promise<Month<T>>>();
  /** Months searched as bytes (`has`) and not read: their bytes then, and the keys appended since. */
  readonly #searched = new Map<string, { bytes: Buffer; appended: Set<string> }>();

  private constructor(options: MonthlyLogOptions<T>, appender: LineAppender, months: string[]) {
    this.#options = options;
    this.#appender = appender;
    this.#months = new Set(months);
  }

  /** Lists the months on disk; reads none of them. */
  static async open<T>(options: MonthlyLogOptions<T>, appender: LineAppender): Promise<MonthlyLog<T>> {
    return new MonthlyLog(options, appender, await listMonths(options.dir, 'jsonl'));
  }

  /** Months that have records, oldest first. */
  months(): string[] {
    return [...this.#months].sort();
  }

  /** The month's records (frozen), oldest first. */
  async read(month: string): Promise<readonly T[]> {
    return (await this.#month(month)).records;
  }

  /** The record with this key in `month` (needs `keyOf`). */
  async find(month: string, key: string): Promise<T | undefined> {
    if (!this.#months.has(month)) return undefined;
    const loaded = await this.#month(month);
    const at = loaded.index.get(key);
    return at === undefined ? undefined : loaded.records[at];
  }

  /**
   * Whether `month` holds a record with this key (needs `keyOf`), without
   * reading the month when it can: a month not read yet is searched for the
   * key as JSON writes it, and read only if it is there. Perflab writes every
   * line with JSON.stringify, so a key whose JSON is not in the file is not
   * a key of any record in it (a month of runs is ~1 MB: parsing it was most
   * of the first run recorded after opening the store).
   */
  async has(month: string, key: string): Promise<boolean> {
    if (!this.#months.has(month)) return false;
    if (!this.#loaded.has(month)) {
      let searched = this.#searched.get(month);
      if (!searched) {
        // Read once, kept (outside V8's heap): the next run begun this month searches the same bytes.
        searched = { bytes: readBytes(this.#options.file(month)) ?? Buffer.alloc(0), appended: new Set() };
        this.#searched.set(month, searched);
      }
      if (!searched.appended.has(key) && !searched.bytes.includes(JSON.stringify(key))) return false;
    }
    return (await this.find(month, key)) !== undefined;
  }

  /** Newest first (by `timeOf`), reading months newest first and stopping after `limit`. */
  async newestFirst(limit = Infinity): Promise<T[]> {
    const out: T[] = [];
    for (const month of this.months().reverse()) {
      if (out.length >= limit) break;
      const byTime = (await this.read(month))
        .map((record) => ({ record, ms: Date.parse(this.#options.timeOf(record)) }))
        .sort((a, b) => b.ms - a.ms);
      for (const { record } of byTime) {
        if (out.length >= limit) break;
        out.push(record);
      }
    }
    return out;
  }

  /** Appends a (frozen) record to its month's file. */
  async append(month: string, record: T): Promise<void> {
    // A month being read must finish reading before the line is added, or the
    // read could miss the line and still be what later reads are served from.
    // Between this check and the (synchronous) append nothing else runs.
    const loading = this.#loaded.get(month);
    const loaded = loading ? await loading : undefined;
    this.#appender.append(this.#options.file(month), [record], { durable: this.#options.durable ?? false });
    this.#months.add(month);
    const key = this.#options.keyOf?.(record);
    if (key !== undefined) this.#searched.get(month)?.appended.add(key);
    if (loaded) this.#add(loaded, record);
  }

  #month(month: string): Promise<Month<T>> {
    let loading = this.#loaded.get(month);
    if (!loading) {
      this.#searched.delete(month);
      loading = this.#load(month);
      this.#loaded.set(month, loading);
      // A failed read (a damaged file) is not remembered: the next read tries again.
      void loading.catch(() => this.#loaded.delete(month));
    }
    return loading;
  }

  async #load(month: string): Promise<Month<T>> {
    const file = this.#options.file(month);
    const loaded: Month<T> = { records: [], index: new Map() };
    forEachLine(file, (raw, i) => this.#add(loaded, deepFreeze(checkRecord(raw, file, this.#options.record, `record ${i + 1}`))));
    return loaded;
  }

  #add(month: Month<T>, record: T): void {
    const key = this.#options.keyOf?.(record);
    const at = key === undefined ? undefined : month.index.get(key);
    if (at !== undefined) {
      month.records[at] = record;
      return;
    }
    if (key !== undefined) month.index.set(key, month.records.length);
    month.records.push(record);
  }
}

/** A file's bytes; null when it does not exist. */
function readBytes(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
