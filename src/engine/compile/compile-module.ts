// Compiles an entry once per content: the first time, or after any file in
// it changed, through `bundleModule`; otherwise from the cache. Whether the
// cached module is still right is decided by the content hash of every file
// it was made from (read again on each call: a few small files, well under a
// millisecond), never by timestamps, so an edited suite or helper is never
// served stale — not even within one long-running perflab.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { bundleModule, type BundleEntry } from './bundle-module.js';
import { cacheDir, hashOf, pruneOnce, readJson, touch, writeAtomically } from './compile-cache.js';

export interface CompileRequest {
  /** Names the entry in the cache: the same entry always gives the same key, different entries different keys. */
  key: string;
  entry: BundleEntry;
}

interface Manifest {
  /** File → sha-256 of the content the module was made from. */
  inputs: Record<string, string>;
  externals: string[];
  /** File name in `modules/`. */
  module: string;
}

/** Bump when bundleModule makes different code from the same files. */
const FORMAT = 1;

const inFlight = new Map<string, Promise<string>>();
const known = new Map<string, Manifest>();

/** The file URL of a plain ES module for `request.entry`, up to date with its files. */
export function compileModule(request: CompileRequest): Promise<string> {
  const key = hashOf(JSON.stringify([FORMAT, esbuildVersion, process.versions.node, request.key]));
  // Two callers asking at once (fuzz workers starting side by side) share one compile.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = compile(key, request.entry).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function compile(key: string, entry: BundleEntry): Promise<string> {
  const root = cacheDir();
  void pruneOnce().catch(() => undefined); // housekeeping: a failure to delete changes nothing here
  const manifestPath = join(root, 'entries', `${key}.json`);
  let cached = known.get(key);
  if (!cached) {
    const read = await readJson<Partial<Manifest>>(manifestPath);
    cached = isManifest(read) ? read : undefined;
    // First use by this process: mark both as used before checking them, so pruning spares them.
    if (cached) await Promise.all([touch(manifestPath), touch(join(root, 'modules', cached.module))]);
  }
  if (cached && (await isFresh(root, cached))) {
    known.set(key, cached);
    return moduleUrl(root, cached.module);
  }
  const bundle = await bundleModule(entry, join(root, 'modules'));
  // Named by content: two processes that compile the same thing write the same file.
  const manifest: Manifest = { inputs: bundle.inputs, externals: bundle.externals, module: `${hashOf(bundle.code).slice(0, 32)}.mjs` };
  const modulePath = join(root, 'modules', manifest.module);
  if (!(await exists(modulePath))) await writeAtomically(modulePath, bundle.code);
  await writeAtomically(manifestPath, JSON.stringify(manifest));
  known.set(key, manifest);
  return moduleUrl(root, manifest.module);
}

function isManifest(value: Partial<Manifest> | undefined): value is Manifest {
  return typeof value?.inputs === 'object' && value.inputs !== null && Array.isArray(value.externals) && typeof value.module === 'string';
}

async function isFresh(root: string, manifest: Manifest): Promise<boolean> {
  const checks = [
    exists(join(root, 'modules', manifest.module)),
    ...manifest.externals.map(exists),
    ...Object.entries(manifest.inputs).map(async ([file, hash]) => hashOf(await readFile(file).catch(() => '')) === hash),
  ];
  return (await Promise.all(checks)).every(Boolean);
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const moduleUrl = (root: string, name: string): string => pathToFileURL(join(root, 'modules', name)).href;
