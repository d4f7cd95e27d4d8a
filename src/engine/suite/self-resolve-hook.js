// Module resolve hook (node:module register): makes `import ... from 'perflab'`
// resolve to this copy of perflab in every suite it loads, so a suite in a
// repository without node_modules (a Racket or C project) still works.
// Plain JavaScript because hooks load before any TypeScript loader is ready.
const self = new URL('../../index.ts', import.meta.url).href;

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  // Through `next` rather than short-circuiting, so tsx sees the .ts file it must compile.
  return next(specifier === 'perflab' ? self : specifier, context);
}
