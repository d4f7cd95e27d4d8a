// Small records of one kind (runs, audit events), one file per month, all kept
// in memory: they are read synchronously and a year of them is a few MB. A
// write rewrites one month's file only.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { listMonths } from './list-months.js';
import { deepFreeze } from './snapshot.js';
import { commit, openStoreFile, storeFile } from './store-file.js';

export interface MonthlyRecordsOptions<T> {
  /** Folder holding the `YYYY-MM.json` files. */
  dir: string;
  file: (month: string) => string;
  /** Name of the array in each file, e.g. `runs`. */
  key: string;
  /** Validates one record (what the store relies on). */
  record: z.ZodType<T>;
  /** The record's timestamp, which decides its month and its order. */
  timeOf: (record: T) => string;
}

type MonthFile<T> = Record<string, T[]>;

export class MonthlyRecords<T> {
  readonly #options: MonthlyRecordsOptions<T>;
  readonly #schema: z.ZodType<MonthFile<T>>;
  readonly #months = new Map<string, Low<MonthFile<T>>>();

  private constructor(options: MonthlyRecordsOptions<T>) {
    this.#options = options;
    this.#schema = z.object({ [options.key]: z.array(options.record) }) as unknown as z.ZodType<MonthFile<T>>;
  }

  static async load<T>(options: MonthlyRecordsOptions<T>): Promise<MonthlyRecords<T>> {
    const records = new MonthlyRecords(options);
    for (const month of await listMonths(options.dir, 'files')) {
      const low = await openStoreFile(options.file(month), records.#schema, records.#empty(), 'records');
      deepFreeze(low.data);
      records.#months.set(month, low);
    }
    return records;
  }

  /** Months that have records, oldest first. */
  months(): string[] {
    return [...this.#months.keys()].sort();
  }

  /** The records of one month, in the order they were written. */
  inMonth(month: string): readonly T[] {
    return this.#records(month);
  }

  /** Newest first (by `timeOf`), stopping after `limit`. */
  newestFirst(limit = Infinity): T[] {
    const out: T[] = [];
    for (const month of this.months().reverse()) {
      if (out.length >= limit) break;
      const byTime = this.#records(month)
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
    const low = await this.#partition(month);
    await commit(low, { [this.#options.key]: [...this.#records(month), record] });
  }

  /** Replaces the record at `index` of `month`'s file. */
  async replace(month: string, index: number, record: T): Promise<void> {
    const low = await this.#partition(month);
    await commit(low, { [this.#options.key]: this.#records(month).map((old, i) => (i === index ? record : old)) });
  }

  #records(month: string): T[] {
    return this.#months.get(month)?.data[this.#options.key] ?? [];
  }

  async #partition(month: string): Promise<Low<MonthFile<T>>> {
    let low = this.#months.get(month);
    if (!low) {
      const file = this.#options.file(month);
      await mkdir(dirname(file), { recursive: true });
      low = storeFile(file, this.#schema, this.#empty(), 'records');
      this.#months.set(month, low);
    }
    return low;
  }

  #empty(): MonthFile<T> {
    return { [this.#options.key]: [] };
  }
}
