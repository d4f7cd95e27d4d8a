// The partitions present on disk, found once when the store opens.
import { readdir } from 'node:fs/promises';
import { ifExistsAsync } from './if-exists.js';
import { MONTH_DIR, MONTH_FILE, MONTH_LINES_FILE } from './store-layout.js';

/** What a month partition is in a folder: `YYYY-MM.json` (schema 2), `YYYY-MM.jsonl`, or a `YYYY-MM/` folder. */
export type MonthKind = 'files' | 'jsonl' | 'dirs';

/** Months (`YYYY-MM`, oldest first) that have a partition of that kind in `dir`. */
export async function listMonths(dir: string, kind: MonthKind): Promise<string[]> {
  const entries = await ifExistsAsync(() => readdir(dir, { withFileTypes: true }));
  if (entries === undefined) return [];
  const months: string[] = [];
  for (const entry of entries) {
    if (kind === 'dirs') {
      if (entry.isDirectory() && MONTH_DIR.test(entry.name)) months.push(entry.name);
    } else if (entry.isFile()) {
      const month = (kind === 'files' ? MONTH_FILE : MONTH_LINES_FILE).exec(entry.name)?.[1];
      if (month) months.push(month);
    }
  }
  return months.sort();
}
