// Module resolve hook (node:module register): makes `import ... from 'perflab'`
// resolve to this copy of perflab in a suite module that perflab's main
// process imports, so a suite in a repository without node_modules (a Racket
// or C project) still works. Fuzz suites import 'fast-check': when the
// suite's repository has none, perflab's own copy is used. Suites that run in
// workers get the same two rules from engine/compile/bundle-module.ts.
// Plain JavaScript because hooks load before any TypeScript loader is ready.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const self = new URL('../../index.ts', import.meta.url).href;
const require = createRequire(import.meta.url);

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  // Through `next` rather than short-circuiting, so tsx sees the .ts file it must compile.
  if (specifier === 'perflab') return next(self, context);
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier !== 'fast-check' || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return next(pathToFileURL(require.resolve('fast-check')).href, context);
  }
}
