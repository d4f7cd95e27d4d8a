// Which files in a suites directory are suites: the top-level .ts/.js files
// (and their .mts/.mjs/.cts/.cjs cousins). Subfolders hold a suite's helpers
// and fixtures, and files starting with "_" or "." are skipped, so helpers
// never get imported as suites by accident.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, PerflabError } from '../errors.js';

const SUITE_FILE = /^[^._].*\.(?:[mc]?ts|[mc]?js)$/;

export async function discoverSuites(dir: string): Promise<string[]> {
  const root = resolve(dir);
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : String(error);
    throw new PerflabError(ErrorCode.Config, `cannot read the suites directory: ${reason}`, { file: root, cause: error });
  }
  return entries
    .filter((e) => e.isFile() && SUITE_FILE.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(root, e.name))
    .sort();
}
