// Compiles perflab's CLI (src/cli/main.ts and everything it imports) to
// plain ES modules, so that `perflab` starts without tsx compiling ~200
// TypeScript files on every run. bin/perflab.js calls this when
// cli-cache.js finds no build made from the files in src/ as they are now.
//
// - Packages stay outside (but zod, see BUNDLED_PACKAGES): the build lives
//   under node_modules/.cache and imports them by name, as src/ does.
// - Code splitting keeps the command table lazy: each command, and every
//   module imported with `import()`, is its own chunk, loaded when used.
// - Each file's stamp is taken just before esbuild reads it: an edit made
//   while building changes the stamp, so the next run builds again.
// - Two perflabs building at once: each writes a private directory, renames
//   it to a name made of its content, and replaces the manifest by rename,
//   so no one ever sees half a build.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { hashOf, writeAtomically } from '../../engine/compile/compile-cache.js';
import { ORIGINAL_META_DEFINES, withOriginalMeta } from '../../engine/compile/original-meta.js';
import { buildTarget, CLI_CACHE_DIR, manifestIn, PERFLAB_ROOT, stampOf } from './cli-cache.js';

export interface CliBuildOptions {
  /** Default: src/cli/main.ts. */
  entry?: string;
  /** Default: perflab's node_modules/.cache/perflab-cli. */
  cacheDir?: string;
  /** esbuild reads it (target, paths): a change to it is a change to the build. Default: perflab's tsconfig.json. */
  tsconfig?: string;
}

/**
 * A build nobody started for this long is deleted when a new one is made,
 * ms. Each is ~1.6 MB and every edit of src/ makes one; a process keeps
 * running from its build after that (its lazy chunks are the command table's,
 * loaded when it starts, and the static site's, used by `report --html`).
 */
const UNUSED_FOR_MS = 3_600_000;
const TEMP_PREFIX = 'building-';

/** Builds the CLI and makes it the current one; the file URL of its entry (it exports `main`). */
export async function buildCli(options: CliBuildOptions = {}): Promise<string> {
  const cacheDir = options.cacheDir ?? CLI_CACHE_DIR;
  const tsconfig = options.tsconfig ?? join(PERFLAB_ROOT, 'tsconfig.json');
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const inputs: Record<string, string> = { [tsconfig]: stampOf(tsconfig) };
  const outDir = join(cacheDir, 'out');
  const result = await build({
    entryPoints: { main: options.entry ?? join(PERFLAB_ROOT, 'src', 'cli', 'main.ts') },
    absWorkingDir: PERFLAB_ROOT,
    tsconfig,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    conditions: [],
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    define: ORIGINAL_META_DEFINES,
    plugins: [packagesOutside(), stampedSources(inputs)],
    logLevel: 'silent',
    legalComments: 'none',
    charset: 'utf8',
  });
  const files = result.outputFiles.map((file) => ({ name: file.path.slice(outDir.length + 1), text: file.text }));
  const build_ = hashOf(JSON.stringify(files)).slice(0, 24);
  await place(cacheDir, build_, files);
  await writeAtomically(manifestIn(cacheDir), JSON.stringify({ ...buildTarget(), build: build_, inputs }));
  await pruneBuilds(cacheDir, build_).catch(() => undefined); // housekeeping: a failure to delete changes nothing here
  return pathToFileURL(join(cacheDir, build_, 'main.mjs')).href;
}

/**
 * Packages the build bundles rather than imports: zod is ~220 ES modules,
 * and Node loading them one by one cost 230-400 ms of every run on this
 * machine (most commands validate with it); bundled, it is one chunk.
 * Pure JavaScript with no state shared with other packages, so a copy
 * inside the build behaves as the one in node_modules.
 */
const BUNDLED_PACKAGES = /^zod(?:\/|$)/;

/** Every other package stays outside, imported by name (as `packages: 'external'` does). */
function packagesOutside(): Plugin {
  return {
    name: 'perflab-cli-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) || isAbsolute(args.path) ? undefined : { path: args.path, external: true }));
    },
  };
}

function stampedSources(inputs: Record<string, string>): Plugin {
  return {
    name: 'perflab-cli-sources',
    setup(b) {
      b.onLoad({ filter: /\.(?:[cm]?[jt]s|json)$/ }, async (args) => {
        inputs[args.path] = stampOf(args.path);
        const text = await readFile(args.path, 'utf8');
        const ext = extname(args.path);
        const loader = ext === '.json' ? 'json' : /^\.[cm]?ts$/.test(ext) ? 'ts' : 'js';
        return { contents: ext === '.json' ? text : withOriginalMeta(text, args.path), loader, resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Writes the build under a private name, then renames it into place (whole, or not at all). */
async function place(cacheDir: string, name: string, files: readonly { name: string; text: string }[]): Promise<void> {
  const final = join(cacheDir, name);
  if (stampOf(join(final, 'main.mjs')) !== 'missing') return; // the same build, made by another perflab
  const temp = await mkdtemp(join(cacheDir, TEMP_PREFIX));
  try {
    for (const file of files) {
      await mkdir(dirname(join(temp, file.name)), { recursive: true });
      await writeFile(join(temp, file.name), file.text, { mode: 0o600 });
    }
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another perflab renamed the same build into place first: theirs is ours.
    if (stampOf(join(final, 'main.mjs')) === 'missing') throw error;
  }
}

/** Deletes builds nobody started for an hour (every run marks its build), and leftovers of builds that crashed. */
async function pruneBuilds(cacheDir: string, current: string): Promise<void> {
  const cutoff = Date.now() - UNUSED_FOR_MS;
  for (const entry of await readdir(cacheDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(cacheDir, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}
