// Compaction of one month of results: every run's file whose results were all
// recorded before the cutoff is rewritten without raw samples, through steno
// (temp file + rename), so a kill leaves the old file or the new one. A
// schema 2 `<run>.json` becomes `<run>.json.gz`: the new file is written
// first, the old one removed after (reading prefers the old one while both
// exist). A month wholly before the cutoff gets a mark once done, and later
// compactions skip it without reading its files.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import type { CompactReport, ResolvedCompactOptions } from './compact-options.js';
import { dropSamples } from './drop-samples.js';
import { readResultsDocument, readV2ResultsDocument, writeResultsDocument } from './results-file.js';
import type { ResultsFile } from './results-file.js';
import type { StoreLayout } from './store-layout.js';
import { sweepTempFilesIn } from './sweep-temp-files.js';

const GZ = '.json.gz';
const V2 = '.json';

export async function compactResultsMonth(layout: StoreLayout, month: string, options: ResolvedCompactOptions): Promise<Partial<CompactReport>> {
  const mark = layout.resultsMark(month);
  if (await exists(mark)) return {};
  const dir = join(layout.resultsDir, month);
  await sweepTempFilesIn(dir);
  const names = await readdir(dir);
  const report = { runs: 0, results: 0, bytesBefore: 0, bytesAfter: 0 };
  for (const name of names) {
    const file = join(dir, name);
    if (file === mark) continue;
    let key: string;
    let content: ResultsFile | null;
    if (name.endsWith(GZ)) {
      key = name.slice(0, -GZ.length);
      if (names.includes(`${key}${V2}`)) continue; // a conversion cut short: the `.json` is done below
      content = await readResultsDocument(file);
    } else if (name.endsWith(V2)) {
      key = name.slice(0, -V2.length);
      content = await readV2ResultsDocument(file);
    } else {
      continue;
    }
    if (!content || !recordedBefore(content, options.cutoff)) continue;
    const { results, dropped } = dropSamples(content.results);
    const isV2 = name.endsWith(V2) && !name.endsWith(GZ);
    if (dropped === 0 && !isV2) continue;

    const target = join(dir, `${key}${GZ}`);
    const before = (await stat(file)).size;
    await writeResultsDocument(target, { ...content, results, ...(dropped > 0 ? { samplesDroppedAt: options.now.toISOString() } : {}) });
    if (isV2) await rm(file);
    report.runs += 1;
    report.results += dropped;
    report.bytesBefore += before;
    report.bytesAfter += (await stat(target)).size;
  }
  if (monthEnd(month) <= Date.parse(options.cutoff)) {
    await new TextFile(mark).write(`${JSON.stringify({ samplesDroppedBefore: options.cutoff, at: options.now.toISOString() })}\n`);
  }
  return report;
}

/** True when every result of the run was recorded before `cutoff` (a result without a time counts as recent). */
function recordedBefore(content: ResultsFile, cutoff: string): boolean {
  const limit = Date.parse(cutoff);
  return content.results.every((recorded) => Date.parse(recorded.recordedAt) < limit);
}

/** The first instant after the month, ms. */
function monthEnd(month: string): number {
  const [year = 0, m = 0] = month.split('-').map(Number);
  return Date.UTC(year, m, 1);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
