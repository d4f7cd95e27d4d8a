// Bundled code still sees its original file: `import.meta.url`,
// `import.meta.dirname`/`filename`, `__dirname` and `__filename` name the
// source file, not the bundle (tls.ts finds its fixtures with them, the CLI
// its package.json, the pools their worker files). Used by every esbuild
// pass perflab makes (bundle-module.ts for workers, cli/build for the CLI).
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const META = { url: '__perflab_import_meta_url', dirname: '__perflab_import_meta_dirname', filename: '__perflab_import_meta_filename' };
const USES_META = /\bimport\.meta\b|\b__dirname\b|\b__filename\b/;

/** esbuild `define`s pointing each expression at the names `withOriginalMeta` declares. */
export const ORIGINAL_META_DEFINES: Record<string, string> = {
  'import.meta.url': META.url,
  'import.meta.dirname': META.dirname,
  'import.meta.filename': META.filename,
  __dirname: META.dirname,
  __filename: META.filename,
};

/**
 * `text` of `file`, declaring the original file's URL, directory and name
 * when it uses them. On the first line (after a hashbang), so line numbers
 * and source maps stay those of the file.
 */
export function withOriginalMeta(text: string, file: string): string {
  if (!USES_META.test(text)) return text;
  const declarations =
    `var ${META.url} = ${JSON.stringify(pathToFileURL(file).href)}, ` +
    `${META.dirname} = ${JSON.stringify(dirname(file))}, ${META.filename} = ${JSON.stringify(file)};`;
  if (!text.startsWith('#!')) return declarations + text;
  const eol = text.indexOf('\n');
  return eol < 0 ? text : text.slice(0, eol + 1) + declarations + text.slice(eol + 1);
}
