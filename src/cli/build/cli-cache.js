// Where perflab's CLI compiled to plain JavaScript lives, and whether it is
// still the code in src/. Plain JavaScript itself: bin/perflab.js asks it
// before any loader is registered.
//
// The compiled CLI is a directory of ES modules (`<build>/main.mjs` and its
// chunks) under node_modules/.cache, so that its bare imports of packages
// resolve from perflab's own node_modules, as they do from src/. A manifest
// names the current build and stamps every file it was made from (mtime in
// ns, size, inode); the build is used only while every stamp still matches,
// so an edit, a `git checkout` or a deleted file means a new build before
// anything runs. Stat-ing ~400 files costs a few ms; hashing their content
// cost 50–130 ms on this machine, a third of what compiling ahead saves.
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** perflab's own root directory (where package.json is). */
export const PERFLAB_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Bump when the build makes different code from the same files. */
export const CLI_FORMAT = 1;

/** The directory of compiled CLIs (the builder creates it). */
export const CLI_CACHE_DIR = join(PERFLAB_ROOT, 'node_modules', '.cache', 'perflab-cli');

/** The file in a cache directory that names its current build. */
export function manifestIn(cacheDir) {
  return join(cacheDir, 'manifest.json');
}

/** What a file looked like when it was read: changes with any write, rename over it or deletion. */
/** @param {string} file */
export function stampOf(file) {
  const info = statSync(file, { bigint: true, throwIfNoEntry: false });
  return info ? `${info.mtimeNs}:${info.size}:${info.ino}` : 'missing';
}

/** The manifest's fields that must match this process, beside the stamps. */
export function buildTarget() {
  return { format: CLI_FORMAT, node: process.versions.node.split('.')[0] };
}

/**
 * The file URL of the compiled CLI's entry (it exports `main`), or
 * undefined when there is none or it was made from other files than
 * those in src/ now.
 * @param {string} [cacheDir]
 */
export function freshCliEntry(cacheDir = CLI_CACHE_DIR) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestIn(cacheDir), 'utf8'));
  } catch {
    return undefined; // no build yet, or a manifest torn by a crash
  }
  const target = buildTarget();
  if (manifest?.format !== target.format || manifest.node !== target.node || typeof manifest.build !== 'string') return undefined;
  if (typeof manifest.inputs !== 'object' || manifest.inputs === null) return undefined;
  for (const [file, stamp] of Object.entries(manifest.inputs)) if (stampOf(file) !== stamp) return undefined;
  const buildDir = join(cacheDir, manifest.build);
  const entry = join(buildDir, 'main.mjs');
  if (stampOf(entry) === 'missing') return undefined;
  return pathToFileURL(entry).href;
}

/** How often a running perflab marks its build: well inside the hour after which unused builds are pruned. */
const MARK_EVERY_MS = 10 * 60_000;

/**
 * Keeps marking the build `entry` belongs to while this process runs: a
 * `perflab serve` started days ago still imports chunks of it lazily, so
 * another perflab's pruning must not take it away. The timer does not keep
 * a finished process alive.
 * @param {string} entry the file URL `freshCliEntry` or the builder returned
 */
export function keepUsing(entry) {
  const buildDir = join(fileURLToPath(entry), '..');
  markUsed(buildDir);
  setInterval(() => markUsed(buildDir), MARK_EVERY_MS).unref();
}

/** Marks a build as used, so pruning leaves it alone. */
function markUsed(buildDir) {
  const now = new Date();
  try {
    utimesSync(buildDir, now, now);
  } catch {
    // a read-only cache still runs
  }
}
