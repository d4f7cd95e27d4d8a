// A lowdb adapter for a gzipped JSON file, for results: mostly base64
// samples, which gzip to ~40% of their size (realistic, noisy samples; see
// bench/store.bench.ts), and written once, so never appended to. Writes go
// through steno like every whole-file write of the store (temp file + rename):
// a kill leaves the old file or the new one.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import type { Adapter } from 'lowdb';
import { Writer } from 'steno';
import type { z } from 'zod';
import { ErrorCode, PerflabError } from '../errors.js';
import { ifExistsAsync } from './if-exists.js';
import { parseStoreJson, stringifyRecords } from './store-file.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export class GzipJsonFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #schema: z.ZodType<T>;
  readonly #writer: Writer;

  constructor(file: string, schema: z.ZodType<T>) {
    this.#file = file;
    this.#schema = schema;
    this.#writer = new Writer(file);
  }

  /** The file's content, validated; null when there is no file. */
  async read(): Promise<T | null> {
    const packed = await ifExistsAsync(() => readFile(this.#file));
    if (packed === undefined) return null;
    let text: string;
    try {
      text = (await gunzipAsync(packed)).toString('utf8');
    } catch (error) {
      throw new PerflabError(ErrorCode.StoreCorrupt, `not a complete gzip file (${(error as Error).message}); perflab never leaves one behind, so it was damaged: restore it`, { file: this.#file, cause: error });
    }
    return parseStoreJson(text, this.#file, this.#schema);
  }

  async write(data: T): Promise<void> {
    // Level 1: a few percent larger than the default, and about half the CPU time.
    await this.#writer.write(await gzipAsync(stringifyRecords(data), { level: constants.Z_BEST_SPEED }));
  }
}
