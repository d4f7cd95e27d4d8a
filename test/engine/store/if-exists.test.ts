import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ifExists, ifExistsAsync, isMissing } from '../../../src/engine/store/if-exists.js';
import { tempDir } from './helpers/store-fixtures.js';

describe('ifExists', () => {
  it('returns what the read returns when the file is there', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'hello');
    expect(ifExists(() => readFileSync(join(dir, 'a.txt'), 'utf8'))).toBe('hello');
    expect(await ifExistsAsync(() => readFile(join(dir, 'a.txt'), 'utf8'))).toBe('hello');
  });

  it('returns undefined for a missing file or folder', async () => {
    const dir = await tempDir();
    expect(ifExists(() => readFileSync(join(dir, 'none.txt')))).toBeUndefined();
    expect(await ifExistsAsync(() => readdir(join(dir, 'none')))).toBeUndefined();
  });

  it('passes every other failure through', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'not a folder');
    expect(() => ifExists(() => readdirSync(join(dir, 'a.txt')))).toThrow(/ENOTDIR/);
    await expect(ifExistsAsync(() => readFile(dir))).rejects.toThrow(/EISDIR/);
  });
});

describe('isMissing', () => {
  it('is true only for ENOENT', () => {
    expect(isMissing(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(true);
    expect(isMissing(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isMissing(undefined)).toBe(false);
  });
});
