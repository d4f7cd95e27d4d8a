// The answer to a page that does not exist: what was not found, and a search
// over every case, recent run and alert (filtered in the page as one types;
// no form, nothing sent anywhere).
import { html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import type { SiteContext } from '../site-reads.js';

const RECENT_RUNS = 50;

export async function notFoundPage(ctx: SiteContext, message: string, root: string): Promise<SitePage> {
  const { lab } = ctx;
  const [cases, runs, alerts] = await Promise.all([lab.knownCases(), lab.runs({ limit: RECENT_RUNS }), lab.alerts()]);
  const items = [
    ...[...cases].sort().map((caseId) => ({ href: link(root, { page: 'case', caseId }), text: caseId, what: 'case' })),
    ...alerts.slice(-RECENT_RUNS).reverse().map((a) => ({ href: link(root, { page: 'alert', alertId: a.id }), text: `${a.id} ${a.kind} ${a.caseIds.join(' ')}`, what: 'alert' })),
    ...runs.map((r) => ({ href: link(root, { page: 'run', runId: r.id }), text: `${r.id} ${r.commit?.slice(0, 12) ?? ''}`, what: 'run' })),
  ];
  const body = html`
<h1>Not found</h1>
<p>${message}</p>
<p><label for="search">Search cases, alerts and recent runs:</label><br><input type="search" id="search" placeholder="part of a case id, run id or commit" autofocus></p>
<ul id="search-results">
${items.map((item) => html`<li data-search="${item.text.toLowerCase()}"><a href="${item.href}">${item.text}</a> <span class="sub">${item.what}</span></li>`)}
</ul>
${items.length === 0 ? html`<p class="empty">Nothing is stored yet: run the suites first (<code>perflab run</code>).</p>` : ''}`;
  return { status: 404, html: layout({ title: 'Not found', root, body }) };
}
