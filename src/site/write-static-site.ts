// The site as files (`perflab report --html DIR`), for Buildbot, Jenkins or a
// GitHub Actions artifact to keep: the overview, the findings, every case's
// page, and every run and alert page those pages link to, with the assets
// copied beside them. Links are relative, so the folder works wherever it
// is opened. Pages are found by following links from the overview (the
// same pages a reader of the served site can reach), up to a bound.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { pageOfPath, pagePath, type PageRef } from './page-url.js';
import { renderSitePage } from './render-site-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import { SITE_ASSETS } from './site-assets.js';
import type { SiteContext } from './site-reads.js';

export interface StaticSiteOptions {
  /** Most pages written; links beyond are left out (the overview and every case page are always written). Default 5,000. */
  maxPages?: number;
}

export interface StaticSite {
  /** Paths written, relative to the folder, pages first then assets. */
  files: string[];
  /** Pages linked to but not written because of `maxPages`. */
  skipped: number;
}

const HREF = /href="([^"#?]+)(?:[#?][^"]*)?"/g;

export async function writeStaticSite(ctx: SiteContext, dir: string, options: StaticSiteOptions = {}): Promise<StaticSite> {
  const maxPages = options.maxPages ?? 5000;
  const cases = (await ctx.lab.knownCases()).map((caseId): PageRef => ({ page: 'case', caseId }));
  const queue: PageRef[] = [{ page: 'overview' }, { page: 'findings' }, ...cases];
  const seen = new Set(queue.map(pagePath));
  const files: string[] = [];
  let skipped = 0;
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const path = pagePath(ref);
    const page = await renderSitePage(ctx, ref);
    await writeAt(dir, path, page.html);
    files.push(path);
    for (const match of page.html.matchAll(HREF)) {
      const target = posix.normalize(posix.join(posix.dirname(path), match[1]!));
      const linked = pageOfPath(target);
      if (!linked || seen.has(target)) continue;
      seen.add(target);
      if (seen.size > maxPages) skipped++;
      else queue.push(linked);
    }
  }
  await writeAt(dir, '404.html', (await notFoundPage(ctx, 'This page is not in this copy of the site.', '')).html);
  files.push('404.html');
  for (const asset of SITE_ASSETS) {
    await mkdir(dirname(join(dir, asset.path)), { recursive: true });
    await copyFile(asset.file, join(dir, asset.path));
    files.push(asset.path);
  }
  return { files, skipped };
}

async function writeAt(dir: string, path: string, text: string): Promise<void> {
  const file = join(dir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
