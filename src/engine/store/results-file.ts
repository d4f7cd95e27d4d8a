// results/YYYY-MM/<run>.json.gz: the full results of one run, samples
// included. Written once, when the run's results are recorded; read only on
// demand; rewritten only by compaction, to drop old samples. A store migrated
// from schema version 2 keeps that version's `<run>.json` files, read as they are.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import type { RecordedResult } from '../model.js';
import { GzipJsonFile } from './gzip-json-file.js';
import { parseStoreJson } from './store-file.js';
import type { StoreLayout } from './store-layout.js';

export interface ResultsFile {
  runId: string;
  results: RecordedResult[];
  /** Set by compaction: when the results' samples were dropped. */
  samplesDroppedAt?: string;
}

// Checks what the store relies on; the rest of a result is the measuring stage's business.
export const resultsFileSchema = z.looseObject({
  runId: z.string(),
  results: z.array(
    z.looseObject({
      runId: z.string(),
      result: z.looseObject({ caseId: z.string(), state: z.enum(['ok', 'errored']) }),
    }),
  ),
}) as unknown as z.ZodType<ResultsFile>;

export async function writeResultsFile(layout: StoreLayout, month: string, runId: string, results: RecordedResult[]): Promise<void> {
  const file = layout.resultsFile(month, runId);
  // Synchronous checks: each is a syscall of microseconds, where an async one
  // is a trip through libuv's threads, which a busy machine makes milliseconds.
  for (const existing of [file, layout.v2.resultsFile(month, runId)]) {
    if (existsSync(existing)) throw new Error(`results of run ${runId} are already recorded (${existing})`);
  }
  mkdirSync(dirname(file), { recursive: true });
  // A month compaction marked as done gets results again (a run begun long ago): it is not done any more.
  rmSync(layout.resultsMark(month), { force: true });
  await writeResultsDocument(file, { runId, results });
}

/** The run's results, or [] when none were recorded (yet). */
export async function readResultsFile(layout: StoreLayout, month: string, runId: string): Promise<RecordedResult[]> {
  // Schema 2's file first: compaction turns one into a `.json.gz` and then
  // removes it, so while both exist the `.json` is the one that is whole.
  const v2 = await readV2ResultsDocument(layout.v2.resultsFile(month, runId));
  return (v2 ?? (await readResultsDocument(layout.resultsFile(month, runId))))?.results ?? [];
}

/** A results file as schema version 2 wrote it (plain JSON); null when there is none. */
export async function readV2ResultsDocument(file: string): Promise<ResultsFile | null> {
  const text = await new TextFile(file).read();
  return text === null ? null : parseStoreJson(text, file, resultsFileSchema);
}

export function readResultsDocument(file: string): Promise<ResultsFile | null> {
  return new GzipJsonFile(file, resultsFileSchema).read();
}

/** Writes a `.json.gz` results file whole (temp file + rename). */
export async function writeResultsDocument(file: string, content: ResultsFile): Promise<void> {
  const low = new Low<ResultsFile>(new GzipJsonFile(file, resultsFileSchema), content);
  await low.write();
}
