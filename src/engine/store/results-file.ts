// results/YYYY-MM/<run>.json: the full results of one run, samples included.
// Written once, when the run's results are recorded; read only on demand.
import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RecordedResult } from '../model.js';
import { openStoreFile, storeFile } from './store-file.js';
import type { StoreLayout } from './store-layout.js';

interface ResultsFile {
  runId: string;
  results: RecordedResult[];
}

// Checks what the store relies on; the rest of a result is the measuring stage's business.
const resultsFileSchema = z.object({
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
  if (await exists(file)) throw new Error(`results of run ${runId} are already recorded (${file})`);
  await mkdir(dirname(file), { recursive: true });
  const low = storeFile(file, resultsFileSchema, { runId, results }, 'records');
  await low.write();
}

/** The run's results, or [] when none were recorded (yet). */
export async function readResultsFile(layout: StoreLayout, month: string, runId: string): Promise<RecordedResult[]> {
  const low = await openStoreFile(layout.resultsFile(month, runId), resultsFileSchema, { runId, results: [] }, 'records');
  return low.data.results;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
