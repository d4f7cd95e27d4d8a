// The site's front page: every case with a sparkline, its latest median and
// verdict; the open alerts; findings by state; the latest runs.
import { sparklineSpec, type ChartPoint } from '../../engine/chart/index.js';
import type { FindingState } from '../../engine/model.js';
import { isUsable } from '../../engine/report/find-run.js';
import { html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import { chartBox } from '../page-chart.js';
import { badge, commitText, emptyLine, measure, plural, verdictBadge, when } from '../page-bits.js';
import type { SiteContext } from '../site-reads.js';

/** Runs behind each sparkline: its shape, not the whole year. */
const SPARK_RUNS = 120;
const RECENT_RUNS = 20;
const FINDING_STATES: readonly FindingState[] = ['new', 'regressed', 'known', 'fixed'];

export async function overviewPage(ctx: SiteContext, root = ''): Promise<SitePage> {
  const { lab } = ctx;
  const [cases, alerts, findings, runs] = await Promise.all([lab.knownCases(), lab.alerts(), lab.findings(), lab.runs({ limit: RECENT_RUNS })]);
  const rows = await Promise.all(
    [...cases].sort().map(async (caseId, i) => {
      const entries = await lab.history(caseId, { limit: SPARK_RUNS });
      const points = entries.filter(isUsable).map((e): ChartPoint => ({ runId: e.runId, commit: e.commit, at: e.at, median: e.median, ...(e.verdict ? { verdict: e.verdict } : {}) }));
      return { caseId, last: entries.at(-1), spark: chartBox(`spark-${i}`, sparklineSpec(points), 'spark', `trend of ${caseId}`) };
    }),
  );
  const open = alerts.filter((a) => a.state === 'open' || a.state === 'investigating').reverse();
  const counts = FINDING_STATES.map((state) => ({ state, n: findings.filter((f) => f.state === state).length }));

  const body = html`
<h1>Overview</h1>
<p class="sub">${plural(cases.length, 'case')} on ${lab.machine} · ${plural(open.length, 'open alert')}</p>
<h2>Cases</h2>
${rows.length === 0 ? emptyLine('No case has run on this machine yet: run the suites (perflab run).') : html`<table id="cases"><thead><tr><th>case</th><th>trend</th><th class="num">latest</th><th>verdict</th><th>when</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td><a href="${link(root, { page: 'case', caseId: r.caseId })}">${r.caseId}</a></td><td>${r.spark}</td><td class="num">${r.last?.state === 'ok' ? measure(r.last.median, r.last.unit) : r.last ? 'errored' : '—'}</td><td>${verdictBadge(r.last?.verdict)}</td><td>${when(r.last?.at)}</td></tr>`)}
</tbody></table>`}
<h2>Open alerts</h2>
${open.length === 0 ? emptyLine('No open alert.') : html`<table id="alerts"><thead><tr><th>raised</th><th>alert</th><th>kind</th><th>state</th><th>cases</th><th>commit</th></tr></thead><tbody>
${open.map((a) => html`<tr><td>${when(a.createdAt)}</td><td><a href="${link(root, { page: 'alert', alertId: a.id })}">${a.id}</a></td><td>${a.kind}</td><td>${badge(a.state, 's')}</td><td>${a.caseIds.join(', ')}</td><td>${commitText(a.commit)}</td></tr>`)}
</tbody></table>`}
<h2>Findings</h2>
<div class="cards">${counts.map((c) => html`<a class="card" href="${link(root, { page: 'findings' })}#state-${c.state}"><b>${c.n}</b>${c.state}</a>`)}</div>
<h2>Latest runs</h2>
${runs.length === 0 ? emptyLine('No run yet.') : html`<table id="runs"><thead><tr><th>started</th><th>run</th><th>mode</th><th>commit</th><th>by</th></tr></thead><tbody>
${runs.map((r) => html`<tr><td>${when(r.startedAt)}</td><td><a href="${link(root, { page: 'run', runId: r.id })}">${r.id}</a></td><td>${r.mode}</td><td>${commitText(r.commit)}</td><td>${r.trigger.by ?? r.trigger.kind}</td></tr>`)}
</tbody></table>`}`;
  return { status: 200, html: layout({ title: 'Overview', root, body, charts: true, footer: `machine ${lab.machine}` }) };
}
