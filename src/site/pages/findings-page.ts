// Every stress failure and fuzz counterexample, grouped by state: each with
// its evidence (the counterexample), the command that reproduces it, and
// where it was seen.
import type { Finding, FindingState, Sighting } from '../../engine/model.js';
import { html, type Html } from '../html.js';
import { layout, link, type SitePage } from '../layout.js';
import { badge, commitText, emptyLine, plural, when } from '../page-bits.js';
import type { SiteContext } from '../site-reads.js';

const STATES: readonly FindingState[] = ['new', 'regressed', 'known', 'fixed'];

export async function findingsPage(ctx: SiteContext, root = ''): Promise<SitePage> {
  const findings = await ctx.lab.findings();
  const body = html`
<h1>Findings</h1>
<p class="sub">${plural(findings.length, 'finding')}: stress failures and fuzz counterexamples, each kept once however often it is seen.</p>
${STATES.map((state) => {
  const inState = findings.filter((f) => f.state === state);
  return html`<h2 id="state-${state}">${state} (${inState.length})</h2>${inState.length === 0 ? emptyLine(`No ${state} finding.`) : inState.map((f) => findingBlock(f, root))}`;
})}`;
  return { status: 200, html: layout({ title: 'Findings', root, body, footer: `machine ${ctx.lab.machine}` }) };
}

/** One finding with its evidence, repro command and sightings; the alert page shows the same. */
export function findingBlock(finding: Finding, root: string): Html {
  return html`<section class="finding" id="finding-${finding.id}">
<h3>${finding.title} ${badge(finding.state, 's')}${finding.flaky ? html` ${badge('flaky')}` : ''}</h3>
<p class="sub">${finding.mode} · <a href="${link(root, { page: 'case', caseId: finding.caseId })}">${finding.caseId}</a> · ${finding.kind} · id <code>${finding.id}</code> · seen ${plural(finding.count, 'time')}</p>
<h4>Counterexample and evidence</h4>
<pre>${finding.evidence}</pre>
<h4>Reproduce</h4>
${finding.repro ? html`<pre class="repro">${finding.repro}</pre>` : emptyLine('No single command reproduces it.')}
<h4>Sightings</h4>
<table><tbody>
${sighting('first seen', finding.firstSeen, root)}${sighting('last seen', finding.lastSeen, root)}${finding.fixedIn ? sighting('fixed in', finding.fixedIn, root) : ''}
</tbody></table>
</section>`;
}

function sighting(label: string, seen: Sighting, root: string): Html {
  return html`<tr><th>${label}</th><td>${when(seen.at)}</td><td>${commitText(seen.commit)}</td><td><a href="${link(root, { page: 'run', runId: seen.runId })}">run ${seen.runId}</a></td></tr>`;
}
