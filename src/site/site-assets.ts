// The files pages load besides themselves: vega and vega-lite's browser
// builds, straight from node_modules (the browser may have no internet, so no
// CDN), and the site's own script. Served under `assets/` and copied there by
// the static export, so relative links work the same both ways.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SiteAsset {
  /** Path under the site's root. */
  path: string;
  contentType: string;
  /** The file on disk it is read from. */
  file: string;
}

/** The folder of a package's build, found from what the package exports (its package.json is not exported). */
function buildDir(pkg: string): string {
  return dirname(fileURLToPath(import.meta.resolve(pkg)));
}

const JS = 'text/javascript; charset=utf-8';

export const SITE_ASSETS: readonly SiteAsset[] = [
  { path: 'assets/vega.min.js', contentType: JS, file: join(buildDir('vega'), 'vega.min.js') },
  { path: 'assets/vega-lite.min.js', contentType: JS, file: join(buildDir('vega-lite'), 'vega-lite.min.js') },
  { path: 'assets/site.js', contentType: JS, file: fileURLToPath(new URL('./assets/site.js', import.meta.url)) },
];

const cache = new Map<string, Promise<Buffer>>();

/** The asset at `path` with its bytes (read once per process), or undefined. */
export async function readSiteAsset(path: string): Promise<{ asset: SiteAsset; body: Buffer } | undefined> {
  const asset = SITE_ASSETS.find((a) => a.path === path);
  if (!asset) return undefined;
  let body = cache.get(asset.path);
  if (!body) {
    body = readFile(asset.file);
    cache.set(asset.path, body);
    body.catch(() => cache.delete(asset.path));
  }
  return { asset, body: await body };
}
