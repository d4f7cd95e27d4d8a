// An alert's page: the evidence behind it. Per case: the screening of the
// run against the baseline's window, every confirmation run of both sides,
// the change with its interval; then the bisection's steps and culprit, the
// findings it tells about, and the audit trail of what people did with it.
import type { Alert, AuditEvent, Comparison, ComparisonEvidence, Drift, RecordedResult } from '../../engine/model.js';
import { reportedChange } from '../../engine/model/comparison.js';
import { formatRatio } from '../../engine/report/format-duration.js';
import { html, type Html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import { badge, commitText, emptyLine, measure, plural, verdictBadge, when } from '../page-bits.js';
import type { SiteContext } from '../site-reads.js';
import { findingBlock } from './findings-page.js';
import { notFoundPage } from './not-found-page.js';

export async function alertPage(ctx: SiteContext, alertId: string, root = '../'): Promise<SitePage> {
  const { lab } = ctx;
  const alert = await lab.alert(alertId);
  if (!alert) return notFoundPage(ctx, `No alert has the id “${alertId}”.`, root);
  const [run, results, audit, findings] = await Promise.all([lab.getRun(alert.runId), lab.runResults(alert.runId), lab.auditLog(), lab.findings()]);
  const trail = audit.filter((e) => e.args.alertId === alert.id).reverse();
  const bisections = trail.filter((e) => e.action === 'bisect');
  const told = findings.filter((f) => alert.findingIds?.includes(f.id));

  const body = html`
<h1>${headline(alert)}</h1>
<p class="sub">${badge(alert.state, 's')} · raised ${when(alert.createdAt)} · commit ${commitText(alert.commit)} · run <a href="${link(root, { page: 'run', runId: alert.runId })}">${alert.runId}</a>${run ? ` on ${run.machine}` : ''}${alert.stateBy ? ` · ${alert.state} by ${alert.stateBy} ${when(alert.stateAt)}` : ''}</p>
${alert.investigation ? html`<p><b>Investigation:</b> ${alert.investigation.note}${alert.investigation.assignee ? ` (assigned to ${alert.investigation.assignee})` : ''}</p>` : ''}
${alert.kind === 'build-failed' ? html`<pre>${alert.message}</pre>` : ''}
<h2>Evidence</h2>
${alert.kind === 'drift' ? driftEvidence(alert.drift) : ''}
${alert.caseIds.length === 0 ? emptyLine('This alert names no case.') : alert.caseIds.map((caseId) => caseEvidence(caseId, results.find((r) => r.result.caseId === caseId), root))}
${alert.kind === 'regression' || alert.kind === 'improvement' || alert.kind === 'drift' ? bisection(alert, bisections) : ''}
${told.length > 0 ? html`<h2>Findings</h2>${told.map((f) => findingBlock(f, root))}` : ''}
<h2>Audit trail</h2>
${trail.length === 0 ? emptyLine('Nobody has acted on this alert yet.') : html`<table id="audit"><thead><tr><th>when</th><th>who</th><th>what</th><th>details</th></tr></thead><tbody>
${trail.map((e) => html`<tr><td>${when(e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td>${details(e)}</td></tr>`)}
</tbody></table>`}`;
  return { status: 200, html: layout({ title: headline(alert), root, body, footer: run ? `machine ${run.machine}` : '' }) };
}

function headline(alert: Alert): string {
  const cases = alert.caseIds.length === 1 ? alert.caseIds[0]! : plural(alert.caseIds.length, 'case');
  switch (alert.kind) {
    case 'regression':
      return `Regression in ${cases}`;
    case 'improvement':
      return `Improvement in ${cases}`;
    case 'environment-suspect':
      return 'Noisy machine: verdicts held back';
    case 'suite-error':
      return `Suite error in ${cases}`;
    case 'finding':
      return `${plural(alert.findingIds.length, 'finding')} in ${cases}`;
    case 'build-failed':
      return 'Build failed';
    case 'drift':
      return `Drift in ${cases}: ${alert.drift.summary}`;
    case 'machine-changed':
      return 'The machine changed: the canary has a new baseline';
  }
}

/** The change of level over the case's history: the two segments and how sure the split is. */
function driftEvidence(drift: Drift): Html {
  return html`<table id="drift"><tbody><tr><th>level before (mean of runs)</th><td class="num">${measure(drift.meanBefore, drift.unit)}</td></tr><tr><th>level after</th><td class="num">${measure(drift.meanAfter, drift.unit)}</td></tr><tr><th>change</th><td class="num">${formatRatio(drift.ratio)}</td></tr><tr><th>between</th><td>${commitText(drift.from.commit)} … ${commitText(drift.to.commit)}, over ${plural(drift.commits, 'commit')}</td></tr><tr><th>p of the split (E-Divisive)</th><td class="num">${drift.pValue.toPrecision(2)}</td></tr></tbody></table>`;
}

function caseEvidence(caseId: string, recorded: RecordedResult | undefined, root: string): Html {
  const title = html`<h3><a href="${link(root, { page: 'case', caseId })}">${caseId}</a> ${verdictBadge(recorded?.comparison?.verdict)}</h3>`;
  const comparison = recorded?.comparison;
  if (!recorded || !comparison) return html`${title}${emptyLine('The run holds no comparison for this case.')}`;
  const unit = recorded.result.state === 'ok' ? recorded.result.summary.unit : undefined;
  return html`${title}<p>${comparison.reason}</p>${change(comparison)}${screening(comparison.evidence, unit)}${confirmation(comparison.evidence)}`;
}

function change(comparison: Comparison): Html | '' {
  // An unstable verdict's ratio is the machine's, not a finding: not shown as a change.
  const c = reportedChange(comparison);
  if (!c) return '';
  return html`<table class="change"><tbody><tr><th>change</th><td>${formatRatio(c.ratio)}</td></tr><tr><th>95% interval</th><td>${formatRatio(c.ciLow)} … ${formatRatio(c.ciHigh)}</td></tr><tr><th>p (one-sided signed-rank on the paired runs)</th><td>${c.pValue.toPrecision(2)}</td></tr><tr><th>method</th><td>${c.method === 'interleaved' ? 'baseline and candidate code run alternately, a fresh worker each' : 'candidate re-run against the stored window'}</td></tr><tr><th>runs per side</th><td>${c.runs}</td></tr></tbody></table>`;
}

function screening(evidence: ComparisonEvidence | undefined, unit: string | undefined): Html | '' {
  const s = evidence?.screening;
  if (!s) return '';
  return html`<h4>Screening</h4><table id="screening"><tbody><tr><th>this run's median</th><td class="num">${measure(s.median, unit)}</td></tr><tr><th>window median (${plural(s.windowRuns, 'run')})</th><td class="num">${measure(s.windowMedian, unit)}</td></tr><tr><th>difference</th><td class="num">${formatRatio(1 + s.delta)}</td></tr><tr><th>gate</th><td class="num">±${(s.gate * 100).toFixed(1)}%</td></tr><tr><th>robust z</th><td class="num">${s.z === null ? 'not used' : s.z.toFixed(1)}</td></tr></tbody></table>`;
}

function confirmation(evidence: ComparisonEvidence | undefined): Html | '' {
  const c = evidence?.confirmation;
  if (!c) return '';
  const rows = Math.max(c.baseline.length, c.candidate.length);
  return html`<h4>Confirmation runs</h4><table class="confirmation"><thead><tr><th class="num">run</th><th class="num">baseline</th><th class="num">candidate</th></tr></thead><tbody>
${Array.from({ length: rows }, (_, i) => html`<tr><td class="num">${i + 1}</td><td class="num">${measure(c.baseline[i], c.unit)}</td><td class="num">${measure(c.candidate[i], c.unit)}</td></tr>`)}
</tbody></table>`;
}

function bisection(alert: Alert, events: readonly AuditEvent[]): Html {
  const culprit = alert.culprit;
  const steps = events.flatMap((e) => (Array.isArray(e.args.path) ? (e.args.path as { commit: string; verdict: string }[]) : []));
  if (!culprit && steps.length === 0) return html`<h2>Bisection</h2>${emptyLine('Not bisected: the alert is about one commit, or the bisection has not finished.')}`;
  return html`<h2>Bisection</h2>
${culprit ? html`<p>Culprit ${commitText(culprit.commit)} by ${culprit.author}: ${culprit.subject} — found in ${plural(culprit.steps, 'step')}${culprit.skipped.length > 0 ? `, ${plural(culprit.skipped.length, 'commit')} skipped (did not build)` : ''}.</p>` : emptyLine('No single commit pinned: commits that did not build hide it.')}
${steps.length > 0 ? html`<table id="bisect-steps"><thead><tr><th class="num">step</th><th>commit</th><th>showed</th></tr></thead><tbody>${steps.map((s, i) => html`<tr><td class="num">${i + 1}</td><td>${commitText(s.commit)}</td><td>${s.verdict}</td></tr>`)}</tbody></table>` : ''}`;
}

function details(event: AuditEvent): string {
  const { alertId: _alertId, path: _path, ...rest } = event.args;
  return Object.entries(rest)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
