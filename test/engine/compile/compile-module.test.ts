// The compile cache: one module per content, recompiled when any file it was
// made from changes, in a directory only this user can write.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule } from '../../../src/engine/compile/compile-module.js';
import { cacheDir, pruneCache } from '../../../src/engine/compile/compile-cache.js';
import { useTempFolder } from '../../helpers/temp-folder.js';

const folder = useTempFolder('perflab-compile-');
const { write } = folder;

const compile = (file: string) => compileModule({ key: `test:${file}`, entry: { kind: 'file', file } });

describe('compileModule', () => {
  it('turns TypeScript and its relative imports into one plain module', async () => {
    write('lib/double.ts', 'export const double = (n: number): number => n * 2;\n');
    const entry = write('entry.ts', "import { double } from './lib/double.js';\nexport const answer: number = double(21);\n");

    const module = (await import(await compile(entry))) as { answer: number };

    expect(module.answer).toBe(42);
  });

  it('serves the same module while none of its files changed', async () => {
    const entry = write('entry.ts', 'export const n = 1;\n');
    expect(await compile(entry)).toBe(await compile(entry));
  });

  it('compiles again after the entry or one of its imports changed', async () => {
    write('lib/value.ts', 'export const value = 1;\n');
    const entry = write('entry.ts', "export { value } from './lib/value.js';\n");
    const first = await compile(entry);

    write('lib/value.ts', 'export const value = 2;\n');
    const second = await compile(entry);
    write('entry.ts', "export { value } from './lib/value.js';\nexport const extra = true;\n");
    const third = await compile(entry);

    expect(new Set([first, second, third]).size).toBe(3);
    expect(((await import(second)) as { value: number }).value).toBe(2);
  });

  it('shares one compile between callers that ask at the same time', async () => {
    const entry = write('entry.ts', 'export const n = 1;\n');
    const urls = await Promise.all([compile(entry), compile(entry), compile(entry)]);
    expect(new Set(urls).size).toBe(1);
  });

  it('leaves packages outside the module, imported from where they resolved', async () => {
    const entry = write('entry.ts', "import fc from 'fast-check';\nexport const kind = typeof fc.integer;\n");
    const code = readFileSync(fileURLToPath(await compile(entry)), 'utf8');
    expect(code).toMatch(/from "file:\/\/\/[^"]*\/node_modules\/fast-check\//);
  });

  it('forgets cached modules nobody used for two weeks, and keeps the others', async () => {
    const old = join(cacheDir(), 'modules', `test-old-${process.pid}.mjs`);
    const recent = join(cacheDir(), 'modules', `test-recent-${process.pid}.mjs`);
    writeFileSync(old, '');
    writeFileSync(recent, '');
    const fifteenDaysAgo = new Date(Date.now() - 15 * 24 * 3_600_000);
    utimesSync(old, fifteenDaysAgo, fifteenDaysAgo);

    await pruneCache();

    expect([existsSync(old), existsSync(recent)]).toEqual([false, true]);
    rmSync(recent);
  });

  it('keeps its cache where only this user can write', () => {
    const mode = statSync(cacheDir()).mode;
    expect(mode & 0o077).toBe(0);
  });
});
