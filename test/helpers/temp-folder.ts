// A fresh temp folder for each test of a file, removed after it, and a way to
// write files into it. Call at the top of a test file (it registers the hooks).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface TempFolder {
  /** The current test's folder. */
  readonly dir: string;
  /** Writes `content` at `path` under the folder (making its folders) and returns the file's full path. */
  write(path: string, content: string): string;
}

export function useTempFolder(prefix: string): TempFolder {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    write(path, content) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
  };
}
