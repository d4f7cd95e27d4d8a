// One page by what it names: the table from a `PageRef` to the function that
// renders it. The server and the static export both go through here.
import type { PageRef } from './page-url.js';
import type { SitePage } from './layout.js';
import { alertPage } from './pages/alert-page.js';
import { casePage } from './pages/case-page.js';
import { findingsPage } from './pages/findings-page.js';
import { overviewPage } from './pages/overview-page.js';
import { runPage } from './pages/run-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import type { SiteContext } from './site-reads.js';

/** The page `ref` names; an unknown case, run or alert gets the 404 page with a search. */
export function renderSitePage(ctx: SiteContext, ref: PageRef): Promise<SitePage> {
  switch (ref.page) {
    case 'overview':
      return overviewPage(ctx);
    case 'findings':
      return findingsPage(ctx);
    case 'case':
      return casePage(ctx, ref.caseId);
    case 'run':
      return runPage(ctx, ref.runId);
    case 'alert':
      return alertPage(ctx, ref.alertId);
  }
}

/** The 404 page for a path that names no page at all. */
export function unknownPathPage(ctx: SiteContext, path: string): Promise<SitePage> {
  // Served from the root: the links must lead from wherever the browser thinks it is; `/` makes them absolute.
  return notFoundPage(ctx, `There is no page at ${path}.`, '/');
}
