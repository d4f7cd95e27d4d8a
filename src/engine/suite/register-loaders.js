// Loaded with `--import` by perflab's CLI and by every worker that loads
// suites: TypeScript through tsx (ESM and CommonJS), then perflab's own name
// for suites, for `import` and for `require` (a .ts suite in a package
// without "type": "module" is compiled to CommonJS).
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
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'perflab' ? selfPath : request, ...rest);
};
