// The line a CLI table ends with when the site has a public address
// (`PERFLAB_PUBLIC_URL`): where the same thing is shown as a page.
import { pageUrl, publicUrlFrom, type PageRef } from '../site/page-url.js';

/** `"Page: https://…/cases/json~2Fparse.html\n"`, or `''` without PERFLAB_PUBLIC_URL. */
export function pageLine(ref: PageRef, label = 'Page'): string {
  const url = pageUrl(publicUrlFrom(), ref);
  return url ? `${label}: ${url}\n` : '';
}

/** A link per case for a Markdown report, when PERFLAB_PUBLIC_URL is set. */
export function casePageLinks(): ((caseId: string) => string | undefined) | undefined {
  const publicUrl = publicUrlFrom();
  return publicUrl ? (caseId) => pageUrl(publicUrl, { page: 'case', caseId }) : undefined;
}
