// Everything an alert shows except what can be done with it: header, what
// happened and where, one section per case (the worst first), suite errors,
// context. The open alert adds buttons; the resolved one adds who did what.
import type { Alert, Comparison, Drift, Finding, Run, Verdict } from '../../engine/model.js';
import { formatRatio } from '../../engine/report/format-duration.js';
import type { KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS } from './block-kit.js';
import { context, fieldsSection, header, section } from './block-builders.js';
import { code, codeBlock, escapeMrkdwn } from './escape-mrkdwn.js';
import { findingLabel, findingSection } from './finding-section.js';
import { formatActor, isSlackUserId } from './format-actor.js';
import { formatChange, formatDelta, formatMeasure, formatP } from './format-measure.js';
import { plural } from './plural.js';
import { shortCommit } from './short-commit.js';
import { slackLink } from './slack-link.js';
import { totalText } from './limit-violations.js';
import { oneLine, truncate } from './truncate.js';
import { verdictLabel } from './verdict-label.js';

export interface AlertCaseView {
  caseId: string;
  comparison: Comparison;
  /** In `unit`. */
  baselineMedian?: number;
  currentMedian?: number;
  unit: string;
  /** Samples behind the current median, when there is no confirmation `change.runs` to show. */
  n?: number;
}

export interface AlertView {
  alert: Alert;
  run: Run;
  comparisons: AlertCaseView[];
  commitRange?: { from: string | null; to: string | null };
  author?: { name: string; slackUserId?: string };
  link?: string;
  suiteErrors?: { file: string; message: string }[];
  /** For `finding` alerts. */
  findings?: Finding[];
}

export const DEFAULT_MAX_CASES = 10;
/** Characters kept back for the actions block or the outcome line added after the body. */
const TAIL_RESERVE = 2500;
const CASE_TEXT_MAX = 400;
const MAX_SUITE_ERRORS = 5;

const KIND_VERDICT: Record<Alert['kind'], Verdict> = {
  regression: 'regressed',
  improvement: 'improved',
  drift: 'unchanged',
  'environment-suspect': 'unstable',
  'machine-changed': 'unchanged',
  'suite-error': 'errored',
  finding: 'errored',
  'build-failed': 'errored',
};

/** The header line, also the start of the notification text. */
export function alertHeadline(view: AlertView): string {
  const cases = view.alert.caseIds.length || view.comparisons.length;
  switch (view.alert.kind) {
    case 'regression':
      return `Performance regression in ${plural(cases, 'case')}`;
    case 'improvement':
      return `Faster! ${plural(cases, 'case')} improved`;
    case 'drift':
      return truncate(`${view.alert.drift.ratio >= 1 ? 'Slow drift' : 'Drift'}: ${oneLine(view.alert.drift.caseId)} ${formatRatio(view.alert.drift.ratio)}`, 150);
    case 'environment-suspect':
      return `Noisy machine: verdicts held back on ${oneLine(view.run.machine)}`;
    case 'machine-changed':
      return `The machine changed: new canary level on ${oneLine(view.run.machine)}`;
    case 'suite-error': {
      const files = view.suiteErrors?.length ?? 0;
      return files > 0 ? `Suite error in ${plural(files, 'file')}` : 'Suite error';
    }
    case 'finding':
      return findingHeadline(view);
    case 'build-failed':
      return 'Build failed';
  }
}

/** Notification text: the headline, where, and the worst cases, escaped (Slack formats it as mrkdwn). */
export function alertFallback(view: AlertView): string {
  const worst = sortCases(view)
    .slice(0, 3)
    .map((c) => `${truncate(oneLine(c.caseId), 60)}${c.comparison.change ? ` ${formatDelta(c.comparison.change)}` : ''}`);
  const text = `${alertHeadline(view)} at ${shortCommit(view.commitRange?.to ?? view.alert.commit)}${worst.length ? `: ${worst.join(', ')}` : ''}`;
  return escapeMrkdwn(truncate(text, 300));
}

export function alertBody(view: AlertView, maxCases: number = DEFAULT_MAX_CASES): KnownBlock[] {
  const top: KnownBlock[] = [header(alertHeadline(view)), section(intro(view))];
  const facts = factFields(view);
  if (facts.length > 0) top.push(fieldsSection(facts));
  const bottom: KnownBlock[] = [];
  const errors = suiteErrorSection(view);
  if (errors) bottom.push(errors);
  for (const finding of (view.findings ?? []).slice(0, 3)) top.push(findingSection(finding));
  bottom.push(context(contextLine(view)));

  // Cases fill what the rest leaves of the message budget, up to `maxCases`.
  const sorted = sortCases(view);
  const budget = LIMITS.messageChars - TAIL_RESERVE - totalText([...top, ...bottom]) - 200;
  const shown: KnownBlock[] = [];
  let used = 0;
  for (const item of sorted) {
    if (shown.length >= Math.max(0, Math.min(maxCases, LIMITS.messageBlocks - 10))) break;
    const block = caseSection(item);
    const size = totalText([block]);
    if (used + size > budget) break;
    shown.push(block);
    used += size;
  }
  const hidden = sorted.length - shown.length;
  if (hidden > 0) shown.push(context([`…and ${plural(hidden, 'more case', 'more cases')} — see thread`]));
  return [...top, ...shown, ...bottom];
}

function intro(view: AlertView): string {
  const cases = view.alert.caseIds.length || view.comparisons.length;
  const where = commitText(view);
  switch (view.alert.kind) {
    case 'regression':
      return `:small_red_triangle: ${plural(cases, 'case')} got slower ${where}, confirmed by re-running.`;
    case 'improvement':
      return `:tada: Nice work${view.author ? `, ${authorText(view.author)}` : ''}! ${plural(cases, 'case')} got faster ${where}. Accept it as the new baseline to keep the gain.`;
    case 'drift':
      return driftIntro(view.alert.drift);
    case 'machine-changed':
      return `:gear: The canary stayed moved for several runs in a row on ${code(truncate(view.run.machine, 80))}: the machine, not the code, changed for good. perflab accepted the canary's new level as its baseline (see the audit log), and judges runs again from run ${code(truncate(view.run.id, 60))}.`;
    case 'environment-suspect':
      return `:warning: The canary moved beyond its own noise on ${code(truncate(view.run.machine, 80))}, so no case of run ${code(truncate(view.run.id, 60))} was judged. Re-run when the machine is quiet.`;
    case 'suite-error':
      return `:x: Suite files failed ${where}, so their cases did not run.`;
    case 'finding':
      return findingIntro(view, where);
    case 'build-failed':
      return `:hammer: The install/build command failed ${where}, so no suite ran.${view.alert.message ? `\n${codeBlock(truncate(view.alert.message, 1500))}` : ''}`;
  }
}

function driftIntro(drift: Drift): string {
  const icon = drift.ratio >= 1 ? ':chart_with_upwards_trend:' : ':chart_with_downwards_trend:';
  return `${icon} ${code(truncate(oneLine(drift.caseId), 120))} moved ${escapeMrkdwn(drift.summary)}, in steps no single run was flagged for (change points over its history).`;
}

/** A drift's evidence: the two levels and how sure the split is. */
function driftFields(drift: Drift): string[] {
  return [
    `*Level before → after*\n${formatMeasure(drift.meanBefore, drift.unit)} → ${formatMeasure(drift.meanAfter, drift.unit)} (mean per-run median)`,
    `*p of the split*\n${formatP(drift.pValue)}`,
  ];
}

function findingHeadline(view: AlertView): string {
  const findings = view.findings ?? [];
  const first = findings[0];
  if (!first) return 'Finding';
  const more = findings.length > 1 ? ` (+${findings.length - 1} more)` : '';
  return truncate(`${findingLabel(first)}: ${oneLine(first.caseId)}${more}`, 150);
}

function findingIntro(view: AlertView, where: string): string {
  const findings = view.findings ?? [];
  const back = findings.some((f) => f.state === 'regressed');
  const modes = [...new Set(findings.map((f) => f.mode))].join(' and ') || 'a';
  return back
    ? `:rotating_light: A bug that was fixed reproduces again ${where}.`
    : `:beetle: ${modes === 'a' ? 'A' : `The ${modes} run`} found ${plural(findings.length, 'new problem')} ${where}.`;
}

function factFields(view: AlertView): string[] {
  const fields: string[] = [];
  fields.push(`*Commits*\n${commitText(view)}`);
  if (view.alert.kind === 'drift') fields.push(...driftFields(view.alert.drift));
  const culprit = view.alert.culprit;
  if (culprit) fields.push(`*Culprit (bisected)*\n${code(shortCommit(culprit.commit))} by ${escapeMrkdwn(truncate(oneLine(culprit.author), 60))}: ${escapeMrkdwn(truncate(oneLine(culprit.subject), 120))}`);
  // Once bisected, the culprit names the author who matters; the last commit's author would point at someone else.
  else if (view.author) fields.push(`*Author*\n${authorText(view.author)}`);
  fields.push(`*Machine*\n${code(truncate(view.run.machine, 80))}${view.run.environment === 'suspect' ? ' :warning: noisy' : ''}`);
  return fields;
}

function caseSection(item: AlertCaseView): SectionBlock {
  const c = item.comparison;
  const title = `*${escapeMrkdwn(truncate(oneLine(item.caseId), 120))}* — ${verdictLabel(c.verdict)}`;
  const change = c.change;
  if (!change) return section(truncate(`${title}\n${escapeMrkdwn(truncate(oneLine(c.reason), 250))}`, CASE_TEXT_MAX));
  const runs = `${change.runs} per side${change.method === 'interleaved' ? ', interleaved' : ', vs window'}`;
  return section(truncate(title, CASE_TEXT_MAX), [
    `*Baseline → current*\n${formatMeasure(item.baselineMedian, item.unit)} → ${formatMeasure(item.currentMedian, item.unit)}`,
    `*Δ*\n${formatChange(change)}`,
    `*p*\n${formatP(change.pValue)}`,
    `*Runs*\n${runs}${item.n !== undefined ? ` (n = ${item.n})` : ''}`,
  ]);
}

function suiteErrorSection(view: AlertView): SectionBlock | undefined {
  const errors = view.suiteErrors ?? [];
  if (errors.length === 0) return undefined;
  const lines = errors
    .slice(0, MAX_SUITE_ERRORS)
    .map((e) => `• ${code(truncate(oneLine(e.file), 120))}: ${escapeMrkdwn(truncate(oneLine(e.message), 240))}`);
  if (errors.length > MAX_SUITE_ERRORS) lines.push(`…and ${errors.length - MAX_SUITE_ERRORS} more — see thread`);
  return section(lines.join('\n'));
}

function contextLine(view: AlertView): string[] {
  const suites = [...new Set([...view.alert.caseIds, ...view.comparisons.map((c) => c.caseId)].map((id) => id.split('/')[0] ?? id))];
  const shownSuites = suites.slice(0, 4).map((s) => code(truncate(s, 40)));
  const parts = [
    `${suites.length === 1 ? 'Suite' : 'Suites'}: ${shownSuites.join(', ') || '—'}${suites.length > 4 ? ` +${suites.length - 4}` : ''}`,
    `Trigger: ${escapeMrkdwn(view.run.trigger.kind)} · ${formatActor(view.run.trigger.by)}`,
    `Run ${code(truncate(view.run.id, 60))}`,
  ];
  if (view.link) parts.push(slackLink(view.link, 'Details'));
  return parts;
}

function commitText(view: AlertView): string {
  const range = view.commitRange;
  if (range && range.from && range.from !== range.to) return `between ${code(shortCommit(range.from))} and ${code(shortCommit(range.to))}`;
  return `at ${code(shortCommit(range?.to ?? view.alert.commit))}`;
}

function authorText(author: { name: string; slackUserId?: string }): string {
  if (author.slackUserId && isSlackUserId(author.slackUserId)) return `<@${author.slackUserId}>`;
  return escapeMrkdwn(truncate(oneLine(author.name), 80)) || 'someone';
}

/** Cases of the alert's own verdict first, the biggest change first; the rest keep their order. */
function sortCases(view: AlertView): AlertCaseView[] {
  const wanted = KIND_VERDICT[view.alert.kind];
  const size = (c: AlertCaseView): number => {
    const effect = Math.abs(Math.log(c.comparison.change?.ratio ?? 1));
    return Number.isFinite(effect) ? effect : 0;
  };
  return view.comparisons
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const rank = Number(b.c.comparison.verdict === wanted) - Number(a.c.comparison.verdict === wanted);
      return rank !== 0 ? rank : size(b.c) - size(a.c) || a.i - b.i;
    })
    .map(({ c }) => c);
}
