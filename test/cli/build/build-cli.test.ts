// perflab's CLI compiled ahead of time: the build runs the code in the
// sources as they are now, is made again after any change to them, keeps
// `import()` lazy, and two builds at once leave one whole build.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli } from '../../../src/cli/build/build-cli.js';
import { freshCliEntry, keepUsing, manifestIn } from '../../../src/cli/build/cli-cache.js';
import { useTempFolder } from '../../helpers/temp-folder.js';

const temp = useTempFolder('perflab-cli-build-');
const write = temp.write;
const cacheDir = () => join(temp.dir, 'cache');

/** A CLI of three files: `main` names its own file, says what dep.ts says, and loads lazy.ts only when asked. */
function project(word: string): string {
  write('src/dep.ts', `export const word: string = ${JSON.stringify(word)};\n`);
  write('src/lazy.ts', `export const lazy = 'lazy';\n`);
  return write(
    'src/main.ts',
    `import { word } from './dep.js';\n` +
      `export async function main(argv: string[]): Promise<string> {\n` +
      `  const more = argv.includes('lazy') ? (await import('./lazy.js')).lazy : '';\n` +
      `  return [word, new URL(import.meta.url).pathname, more].join(' ');\n` +
      `}\n`,
  );
}

const build = (entry: string) => buildCli({ entry, cacheDir: cacheDir(), tsconfig: write('tsconfig.json', '{}') });

async function run(url: string, argv: string[] = []): Promise<string> {
  // A fresh URL each time: the test process caches modules by URL.
  const { main } = (await import(`${url}?t=${Math.random()}`)) as { main: (argv: string[]) => Promise<string> };
  return main(argv);
}

describe('buildCli and freshCliEntry', () => {
  it('builds plain modules that run the sources, with their own import.meta.url', async () => {
    const entry = project('first');
    const url = await build(entry);
    expect(freshCliEntry(cacheDir())).toBe(url);
    expect(url.endsWith('/main.mjs')).toBe(true);
    expect(await run(url)).toBe(`first ${fileURLToPath(pathToFileURL(entry))} `);
  });

  it('keeps import() lazy: the imported module is a chunk of its own, loaded when asked for', async () => {
    const url = await build(project('first'));
    const main = readFileSync(fileURLToPath(url), 'utf8');
    expect(main).not.toContain("'lazy'");
    expect(await run(url, ['lazy'])).toMatch(/ lazy$/);
  });

  it('is stale after a source changes, and the next build runs the new code', async () => {
    const entry = project('first');
    const before = await build(entry);
    write('src/dep.ts', `export const word: string = 'second';\n`);
    expect(freshCliEntry(cacheDir())).toBeUndefined();
    const after = await build(entry);
    expect(after).not.toBe(before);
    expect(freshCliEntry(cacheDir())).toBe(after);
    expect((await run(after)).split(' ')[0]).toBe('second');
  });

  it('is stale when a source is deleted, or the tsconfig changes', async () => {
    const entry = project('first');
    await build(entry);
    write('tsconfig.json', '{ "compilerOptions": {} }\n');
    expect(freshCliEntry(cacheDir())).toBeUndefined();
    await build(entry);
    rmSync(join(temp.dir, 'src/dep.ts'));
    expect(freshCliEntry(cacheDir())).toBeUndefined();
  });

  it('has nothing before the first build, nor with a torn manifest', async () => {
    expect(freshCliEntry(cacheDir())).toBeUndefined();
    await build(project('first'));
    writeFileSync(manifestIn(cacheDir()), '{"format":1,');
    expect(freshCliEntry(cacheDir())).toBeUndefined();
  });

  it('leaves one whole build when two processes build at once', async () => {
    const entry = project('first');
    const [a, b] = await Promise.all([build(entry), build(entry)]);
    expect(a).toBe(b);
    expect(freshCliEntry(cacheDir())).toBe(a);
    expect(await run(a)).toMatch(/^first /);
    expect(readdirSync(cacheDir()).filter((name) => name.startsWith('building-'))).toEqual([]);
  });

  it('deletes builds nobody started for an hour when it makes a new one, and keeps the others', async () => {
    const entry = project('first');
    const old = dirname(fileURLToPath(await build(entry)));
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(old, hoursAgo, hoursAgo);
    write('src/dep.ts', `export const word: string = 'second';\n`);
    const recent = dirname(fileURLToPath(await build(entry)));
    write('src/dep.ts', `export const word: string = 'third';\n`);
    const current = await build(entry);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(await run(current)).toMatch(/^third /);
  });

  it('keeps the build a running perflab uses from being pruned, however old it is', async () => {
    const entry = project('first');
    const running = await build(entry);
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(dirname(fileURLToPath(running)), hoursAgo, hoursAgo);
    keepUsing(running); // what bin/perflab.js does, and repeats while the process runs
    write('src/dep.ts', `export const word: string = 'second';\n`);
    await build(entry);
    expect(await run(running, ['lazy'])).toMatch(/^first .* lazy$/);
  });
});

describe('bin/perflab.js', () => {
  it('runs the compiled CLI, the same as the sources through tsx', () => {
    const bin = fileURLToPath(new URL('../../../bin/perflab.js', import.meta.url));
    const compiled = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    const fromSource = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, PERFLAB_FROM_SOURCE: '1' } });
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe(fromSource.stdout);
    expect(compiled.stdout).toContain('report');
    expect(freshCliEntry()).toBeDefined();
  });
});
