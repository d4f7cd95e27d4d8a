// The partitions present on disk, found once when the store opens.
import { readdir } from 'node:fs/promises';
import { MONTH_DIR, MONTH_FILE } from './store-layout.js';

/** Months (`YYYY-MM`, oldest first) that have a `YYYY-MM.json` file, or a `YYYY-MM/` folder, in `dir`. */
export async function listMonths(dir: string, kind: 'files' | 'dirs'): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const months: string[] = [];
  for (const entry of entries) {
    if (kind === 'files' && entry.isFile()) {
      const month = MONTH_FILE.exec(entry.name)?.[1];
      if (month) months.push(month);
    } else if (kind === 'dirs' && entry.isDirectory() && MONTH_DIR.test(entry.name)) {
      months.push(entry.name);
    }
  }
  return months.sort();
}
