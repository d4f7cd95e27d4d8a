// Loaded with `--import` by perflab's CLI and its benchmarks, in the main
// process only: perflab's own TypeScript through tsx (ESM and CommonJS), and
// perflab's own name for a suite module the main thread imports itself
// (bench/harness.bench.ts does, for tinybench). Workers never load this:
// they run plain JS compiled ahead of time (engine/compile), which resolves
// 'perflab' and fast-check the same way at compile time.
// tsx's own `--import tsx` entry does not register itself in worker threads,
// so its two APIs are called explicitly.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

registerEsm();
registerCjs();
register('./self-resolve-hook.js', import.meta.url);

const selfPath = fileURLToPath(new URL('../../index.ts', import.meta.url));
// Node 20 has no synchronous resolve hook for require(); this is the seam
// tsx itself patches for its CommonJS support.
const resolveFilename = Module._resolveFilename;
const ownFastCheck = Module.createRequire(import.meta.url).resolve('fast-check');
Module._resolveFilename = function (request, ...rest) {
  if (request === 'perflab') return resolveFilename.call(this, selfPath, ...rest);
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (error) {
    // A fuzz suite in a repository without fast-check gets perflab's own copy.
    if (request === 'fast-check' && error?.code === 'MODULE_NOT_FOUND') return ownFastCheck;
    throw error;
  }
};
