// What the kill tests check after every kill: each data file of the store is
// whole, as the writer left it or as it was before (never torn), except for a
// torn last line of an append-only log, which reading drops.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';

export async function expectEveryFileParses(dir: string, context: string): Promise<void> {
  for (const file of await storeFiles(dir)) {
    const bytes = await readFile(file);
    if (file.endsWith('.jsonl')) {
      const complete = bytes.toString('utf8').split('\n').slice(0, -1);
      for (const [i, line] of complete.entries()) expect(() => JSON.parse(line) as unknown, `${file} line ${i + 1} (${context})`).not.toThrow();
    } else {
      const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      expect(() => JSON.parse(text) as unknown, `${file} (${context})`).not.toThrow();
    }
  }
}

/** Every data file under `dir` (steno's `.x.tmp` files and the lock are not store data). */
export async function storeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /^[^.].*\.(json|jsonl|json\.gz)$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
}
