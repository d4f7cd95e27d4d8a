// One esbuild pass: an entry and the local files it imports (TypeScript or
// JavaScript, in subfolders or not) become one plain ES module that a worker
// imports with no loader hook at all. Packages stay outside the bundle and
// are imported by absolute path from wherever Node would have found them for
// the file that imports them, so the bundle runs from any directory.
//
// What a suite could count on under a loader, it still can:
// - `import { defineSuite } from 'perflab'` is this copy of perflab, in any repository;
// - `fast-check` is perflab's own copy when the suite's repository has none;
// - `import.meta.url`, `import.meta.dirname`/`filename`, `__dirname` and
//   `__filename` name the original file, not the bundle (tls.ts finds its
//   fixtures with them);
// - CommonJS `require()` of built-ins and packages works (node-require-shim.ts);
// - stack traces point at the original files (inline source map; workers
//   run with source maps on).
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Message, type OnLoadArgs, type OnResolveArgs, type OnResolveResult, type Plugin, type PluginBuild } from 'esbuild';
import { hashOf } from './compile-cache.js';
import { ORIGINAL_META_DEFINES, withOriginalMeta } from './original-meta.js';

export type BundleEntry =
  | { kind: 'file'; file: string }
  /** Generated source (a worker's entry stub), resolved from `resolveDir`. */
  | { kind: 'source'; contents: string; resolveDir: string; name: string };

export interface Bundle {
  code: string;
  /** Every local file in the bundle, with the hash of the very content bundled. */
  inputs: Record<string, string>;
  /** Package files the bundle imports by path: it runs only while they exist. */
  externals: string[];
}

/** The entry does not compile: a syntax error, an import that does not resolve. Message: `file:line:column: reason`. */
export class BundleError extends Error {
  override name = 'BundleError';
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
/** What `import … from 'perflab'` means in a suite. */
const SELF = here('../../index.ts');
/** Where perflab's own packages (fast-check for suites without one) resolve from. */
const PERFLAB_ROOT = here('../../../');
const REQUIRE_SHIM = here('./node-require-shim.ts');
/**
 * Perflab modules that workers get in a lighter form. In a worker, the suite
 * was already validated by the main thread (engine/suite/list-suites.ts), so
 * `defineSuite` need not load zod there.
 */
const IN_WORKER = new Map([[here('../suite/validate-suite.ts'), here('../suite/validate-suite.in-worker.ts')]]);

/** Set on the lookups this plugin makes itself, so it does not answer its own questions. */
const OWN_LOOKUP = { perflab: 'own lookup' };
const NODE_REQUIRE = 'perflab-node-require';

/** Bundles `entry` for a module that will live in `outDir` (source map paths are relative to it). */
export async function bundleModule(entry: BundleEntry, outDir: string): Promise<Bundle> {
  const inputs: Record<string, string> = {};
  const externals = new Set<string>();
  const workingDir = entry.kind === 'file' ? dirname(entry.file) : entry.resolveDir;
  try {
    const result = await build({
      ...(entry.kind === 'file'
        ? { entryPoints: [entry.file] }
        : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, sourcefile: entry.name, loader: 'ts' } }),
      absWorkingDir: workingDir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      // Packages resolve as Node resolves them: no bundler-only "module" condition.
      conditions: [],
      write: false,
      outfile: join(outDir, 'bundle.mjs'),
      sourcemap: 'inline',
      sourcesContent: false,
      define: ORIGINAL_META_DEFINES,
      inject: [REQUIRE_SHIM],
      plugins: [workerPlugin(inputs, externals)],
      logLevel: 'silent',
      legalComments: 'none',
      charset: 'utf8',
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) throw new BundleError('esbuild produced no output');
    return { code, inputs, externals: [...externals].sort() };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors?.length) throw new BundleError(describeMessages(errors, workingDir), { cause: error });
    throw error;
  }
}

function workerPlugin(inputs: Record<string, string>, externals: Set<string>): Plugin {
  return {
    name: 'perflab-worker',
    setup(b) {
      b.onResolve({ filter: /^perflab$/ }, () => ({ path: SELF }));
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.pluginData === OWN_LOOKUP ? undefined : resolvePackage(b, args, externals)));
      b.onLoad({ filter: /.*/, namespace: NODE_REQUIRE }, (args) => ({
        contents: `module.exports = __perflab_node_require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      b.onLoad({ filter: /\.(?:[cm]?[jt]sx?|json)$/ }, (args) => loadLocal(args, inputs));
    },
  };
}

async function resolvePackage(b: PluginBuild, args: OnResolveArgs, externals: Set<string>): Promise<OnResolveResult | undefined> {
  if (isBuiltin(args.path)) return args.kind === 'require-call' ? { path: args.path, namespace: NODE_REQUIRE } : { path: args.path, external: true };
  const lookup = { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: OWN_LOOKUP };
  let found = await b.resolve(args.path, lookup);
  // A fuzz suite in a repository without fast-check gets perflab's own copy.
  if (found.errors.length > 0 && /^fast-check(?:\/|$)/.test(args.path)) found = await b.resolve(args.path, { ...lookup, resolveDir: PERFLAB_ROOT });
  if (found.errors.length > 0) return { errors: found.errors };
  if (found.external || !found.path) return found;
  // Local files (tsconfig paths), TypeScript sources of linked workspace
  // packages and JSON are bundled: Node could not import them as they are.
  if (!/[\\/]node_modules[\\/]/.test(found.path) || /\.(?:[cm]?tsx?|json)$/.test(found.path)) return { path: found.path };
  externals.add(found.path);
  if (args.kind === 'require-call') return { path: found.path, namespace: NODE_REQUIRE };
  return { path: pathToFileURL(found.path).href, external: true };
}

async function loadLocal(args: OnLoadArgs, inputs: Record<string, string>) {
  const source = IN_WORKER.get(args.path) ?? args.path;
  const bytes = await readFile(source);
  inputs[source] = hashOf(bytes);
  const text = bytes.toString('utf8');
  const ext = extname(args.path);
  if (ext === '.json') return { contents: text, loader: 'json' as const };
  const loader = /^\.[cm]?ts$/.test(ext) ? 'ts' : ext === '.tsx' ? 'tsx' : ext === '.jsx' ? 'jsx' : 'js';
  return { contents: withOriginalMeta(text, args.path), loader: loader as 'ts' | 'tsx' | 'jsx' | 'js', resolveDir: dirname(source) };
}

function describeMessages(errors: Message[], workingDir: string): string {
  const [first] = errors;
  const where = first?.location ? `${resolve(workingDir, first.location.file)}:${first.location.line}:${first.location.column + 1}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return `${where}${first?.text ?? 'does not compile'}${more}`;
}
