// A case's page: its trend chart (hover a point for the run's commit, author,
// median and verdict; click it for the run), the baselines with who accepted
// them and why, its alerts, and the newest runs as a table. A year of
// history is downsampled for the chart by the chart stage, which keeps every
// alert's run, baseline and change point.
import { caseChartSpec } from '../../engine/chart/index.js';
import type { HistoryEntry } from '../../engine/store/store.js';
import { caseChartData } from '../../lab/case-chart.js';
import { caseDirections } from '../../lab/case-direction.js';
import { historyChangePoints } from '../../lab/history-change-points.js';
import { memoByHistory } from '../history-memo.js';
import { commitAuthors } from '../commit-authors.js';
import { html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import { chartBox, withRunLinks } from '../page-chart.js';
import { badge, commitText, emptyLine, measure, plural, verdictBadge, when } from '../page-bits.js';
import type { SiteContext } from '../site-reads.js';
import { findingBlock } from './findings-page.js';
import { notFoundPage } from './not-found-page.js';

/** Runs listed in the table, newest first; the chart shows them all. */
const TABLE_ROWS = 200;

export async function casePage(ctx: SiteContext, caseId: string, root = '../'): Promise<SitePage> {
  const { lab } = ctx;
  const [entries, findings] = await Promise.all([lab.history(caseId), lab.findings({ caseId })]);
  // A fuzz property or stress scenario may have findings and no timed history: it still has a page.
  if (entries.length === 0 && findings.length === 0 && !(await lab.knownCases()).includes(caseId)) return notFoundPage(ctx, `No case is named “${caseId}” on ${lab.machine}.`, root);

  const [baselines, alerts, direction, changePoints] = await Promise.all([
    lab.baselineHistory(caseId),
    lab.alerts(),
    memoByHistory(lab, 'direction', caseId, entries, () => caseDirections((runId) => lab.runResults(runId))(caseId, entries)),
    memoByHistory(lab, 'change-points', caseId, entries, () => historyChangePoints(entries)),
  ]);
  const data = caseChartData({ caseId, entries, baselines, alerts, direction, changePoints });
  // One `git log` per repository, again only when a run was added: every run brings its commit.
  const authors = await memoByHistory(lab, 'authors', caseId, entries, () => commitAuthors(ctx.repo, lab.dataDir, new Set(data.points.map((p) => p.commit))));
  for (const point of data.points) {
    const author = point.commit ? authors.get(point.commit) : undefined;
    if (author) point.author = author;
  }
  const spec = withRunLinks(caseChartSpec(data, { pointPerRun: true, width: 1100, height: 460 }), root);
  const caseAlerts = alerts.filter((a) => a.caseIds.includes(caseId)).reverse();
  const last = entries.at(-1);

  const body = html`
<h1>${caseId}</h1>
<p class="sub">${plural(entries.length, 'run')} on ${lab.machine} · ${direction === 'lower' ? 'lower is better' : 'higher is better'}${last ? html` · latest ${measure(last.median, last.unit)} ${verdictBadge(last.verdict)}` : ''}</p>
${chartBox('case-chart', spec, 'case', `trend of ${caseId}`)}
<div id="point" class="empty">Hover a point for its run; click it to open the run.</div>
<h2>Baselines</h2>
${baselines.length === 0 ? emptyLine('No baseline accepted yet.') : html`<table><thead><tr><th>accepted</th><th>by</th><th>why</th><th class="num">median</th><th>commit</th><th>run</th></tr></thead><tbody>
${[...baselines].reverse().map((b) => html`<tr><td>${when(b.acceptedAt)}</td><td>${b.acceptedBy}</td><td>${b.reason || '—'}</td><td class="num">${measure(b.median, b.unit)}</td><td>${commitText(b.commit)}</td><td><a href="${link(root, { page: 'run', runId: b.runId })}">${b.runId}</a></td></tr>`)}
</tbody></table>`}
<h2>Alerts</h2>
${caseAlerts.length === 0 ? emptyLine('No alert about this case.') : html`<table><thead><tr><th>raised</th><th>alert</th><th>kind</th><th>state</th><th>commit</th></tr></thead><tbody>
${caseAlerts.map((a) => html`<tr><td>${when(a.createdAt)}</td><td><a href="${link(root, { page: 'alert', alertId: a.id })}">${a.id}</a></td><td>${a.kind}</td><td>${badge(a.state, 's')}</td><td>${commitText(a.commit)}</td></tr>`)}
</tbody></table>`}
${findings.length > 0 ? html`<h2>Findings</h2>${findings.map((f) => findingBlock(f, root))}` : ''}
<h2>History</h2>
${historyTable(entries, root)}`;
  return { status: 200, html: layout({ title: caseId, root, body, charts: true, footer: `machine ${lab.machine}` }) };
}

function historyTable(entries: readonly HistoryEntry[], root: string) {
  if (entries.length === 0) return emptyLine('No run yet.');
  const newest = entries.slice(-TABLE_ROWS).reverse();
  const older = entries.length - newest.length;
  return html`<table id="history"><thead><tr><th>when</th><th>run</th><th>commit</th><th class="num">median</th><th class="num">cv</th><th>verdict</th></tr></thead><tbody>
${newest.map((e) => html`<tr><td>${when(e.at)}</td><td><a href="${link(root, { page: 'run', runId: e.runId })}">${e.runId}</a></td><td>${commitText(e.commit)}</td><td class="num">${e.state === 'ok' ? measure(e.median, e.unit) : 'errored'}</td><td class="num">${e.cv !== undefined ? `${(e.cv * 100).toFixed(1)}%` : '—'}</td><td>${verdictBadge(e.verdict)}</td></tr>`)}
</tbody></table>
${older > 0 ? html`<p class="sub">The ${plural(newest.length, 'newest run')} are listed; ${plural(older, 'older run')} are in the chart and in <code>perflab history --json</code>.</p>` : ''}`;
}
