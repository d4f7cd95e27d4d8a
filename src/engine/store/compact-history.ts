// Compaction of one month of history: schema 2's `<case>.json` documents are
// rewritten as `<case>.jsonl` lines (with any lines appended since the
// migration), atomically, and then removed. Nothing is dropped: a case's
// history is small (no samples) and what reports and charts are made of.
// Afterwards the month is read from lines only.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompactReport } from './compact-options.js';
import type { CaseHistory } from './case-history.js';
import type { LineAppender } from './line-file.js';
import { writeLinesAtomically } from './line-file.js';
import type { StoreLayout } from './store-layout.js';
import { sweepTempFilesIn } from './sweep-temp-files.js';

const V2 = /^(.+)\.json$/;

export async function compactHistoryMonth(layout: StoreLayout, history: CaseHistory, appender: LineAppender, month: string): Promise<Partial<CompactReport>> {
  const dir = join(layout.historyDir, month);
  await sweepTempFilesIn(dir);
  let historyFiles = 0;
  for (const name of await readdir(dir)) {
    const key = V2.exec(name)?.[1];
    if (key === undefined) continue;
    const v2File = join(dir, name);
    const linesFile = join(dir, `${key}.jsonl`);
    // Both files, merged and deduplicated, exactly as reading returns them.
    const entries = history.readFiles(v2File, linesFile);
    await writeLinesAtomically(linesFile, entries);
    appender.forget(linesFile);
    await rm(v2File);
    historyFiles++;
  }
  return { historyFiles };
}
