// A run's page: what ran, where and why; each case's result and verdict; and
// the run's diff report — its results against the previous run and the runs
// a day, a week, a month and a year before it, computed as `perflab report`
// does, but as of this run.
import type { RecordedResult, Run } from '../../engine/model.js';
import { diffReport, type DiffCaseInput, type DiffReport } from '../../engine/report/diff-report.js';
import { diffArrow, diffLegend, formatDiffCell } from '../../engine/report/format-diff-cell.js';
import { caseDirections } from '../../lab/case-direction.js';
import { REPORT_THRESHOLD } from '../../lab/lab-diff-report.js';
import { html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import { badge, commitText, emptyLine, measure, plural, verdictBadge, when } from '../page-bits.js';
import type { SiteContext } from '../site-reads.js';
import { notFoundPage } from './not-found-page.js';

export async function runPage(ctx: SiteContext, runId: string, root = '../'): Promise<SitePage> {
  const { lab } = ctx;
  const run = await lab.getRun(runId);
  if (!run) return notFoundPage(ctx, `No run has the id “${runId}”.`, root);
  const [results, alerts] = await Promise.all([lab.runResults(runId), lab.alerts()]);
  const report = await runDiffReport(ctx, run, results);
  const raised = alerts.filter((a) => a.runId === runId);

  const body = html`
<h1>Run ${run.id}</h1>
<p class="sub">${run.mode} · commit ${commitText(run.commit)}${run.dirty ? ' (uncommitted changes)' : ''} · ${run.machine} · started ${when(run.startedAt)} by ${run.trigger.by} (${run.trigger.kind})${run.finishedAt ? ` · finished ${when(run.finishedAt)}` : ' · not finished'}${run.environment === 'suspect' ? html` · ${badge('unstable')} the canary moved: no verdicts` : ''}</p>
${raised.length > 0 ? html`<p>Alerts raised: ${raised.map((a) => html`<a href="${link(root, { page: 'alert', alertId: a.id })}">${a.kind} ${a.id}</a> `)}</p>` : ''}
<h2>Diff report</h2>
${diffTable(report, root)}
<h2>Results</h2>
${results.length === 0 ? emptyLine('No result recorded.') : html`<table id="results"><thead><tr><th>case</th><th class="num">median</th><th class="num">n</th><th class="num">cv</th><th>verdict</th><th>why</th></tr></thead><tbody>
${results.map((r) => resultRow(r, root))}
</tbody></table>`}`;
  return { status: 200, html: layout({ title: `Run ${run.id}`, root, body, footer: `machine ${run.machine}` }) };
}

function resultRow(recorded: RecordedResult, root: string) {
  const { result, comparison } = recorded;
  const caseLink = html`<a href="${link(root, { page: 'case', caseId: result.caseId })}">${result.caseId}</a>`;
  if (result.state === 'errored') return html`<tr><td>${caseLink}</td><td class="num" colspan="3">errored</td><td>${verdictBadge('errored')}</td><td><code>${result.error.code}</code> ${result.error.message}</td></tr>`;
  const { summary } = result;
  return html`<tr><td>${caseLink}</td><td class="num">${measure(summary.median, summary.unit)}</td><td class="num">${summary.n}</td><td class="num">${(summary.cv * 100).toFixed(1)}%</td><td>${verdictBadge(comparison?.verdict)}</td><td>${comparison?.reason ?? ''}</td></tr>`;
}

/** The run's results against earlier points, each case's history cut at this run. */
async function runDiffReport(ctx: SiteContext, run: Run, results: readonly RecordedResult[]): Promise<DiffReport> {
  const directionOf = caseDirections((id) => ctx.lab.runResults(id));
  const cases: DiffCaseInput[] = [];
  for (const recorded of results) {
    if (recorded.result.state !== 'ok') continue;
    const { caseId } = recorded.result;
    const history = await ctx.lab.history(caseId, { allMachines: run.machine !== ctx.lab.machine });
    const at = history.findIndex((e) => e.runId === run.id);
    if (at < 0) continue;
    const upTo = history.slice(0, at + 1).filter((e) => e.machine === run.machine);
    cases.push({ caseId, threshold: REPORT_THRESHOLD, direction: await directionOf(caseId, upTo), history: upTo });
  }
  return diffReport({ now: recorded(results) ?? run.startedAt, cases });
}

function recorded(results: readonly RecordedResult[]): string | undefined {
  return results[0]?.recordedAt;
}

function diffTable(report: DiffReport, root: string) {
  if (report.cases.length === 0) return emptyLine('No measured result to compare.');
  return html`<table id="diff"><thead><tr><th>case</th><th class="num">this run</th>${report.points.map((p) => html`<th>vs ${p.label}</th>`)}</tr></thead><tbody>
${report.cases.map((c) => html`<tr><td><a href="${link(root, { page: 'case', caseId: c.caseId })}">${c.caseId}</a>${c.direction === 'higher' ? ' (higher is better)' : ''}</td><td class="num">${c.latest ? measure(c.latest.median, c.unit ?? undefined) : '—'}</td>${c.cells.map(
    (cell) => html`<td class="${cell.mark === 'regressed' ? 'v-regressed' : cell.mark === 'improved' ? 'v-improved' : cell.mark === 'no-data' ? 'empty' : ''}">${cell.run ? html`<a href="${link(root, { page: 'run', runId: cell.run.runId })}" title="against run ${cell.run.runId}">${formatDiffCell(cell)}</a>` : formatDiffCell(cell)} ${diffArrow(cell)}${cell.mark === 'regressed' || cell.mark === 'improved' ? ` ${cell.mark}` : ''}</td>`,
  )}</tr>`)}
</tbody></table>
${diffLegend(report).map((line) => html`<p class="sub">${line}</p>`)}
<p class="sub">${plural(report.cases.length, 'case')}, as of ${when(report.now)}.</p>`;
}
