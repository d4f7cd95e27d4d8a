// What a finding alert shows of each finding: its one-line title, the
// evidence (shortened: the full text goes in the thread), how often it was
// seen, and the command that reproduces it.
import type { Finding } from '../../engine/model.js';
import type { Block } from './block-kit.js';
import { section } from './block-builders.js';
import { code, codeBlock, escapeMrkdwn } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { oneLine, truncate } from './truncate.js';

const EVIDENCE_CHARS = 900;

export function findingLabel(finding: Finding): string {
  const mode = finding.mode === 'fuzz' ? 'Fuzz' : 'Stress';
  return finding.state === 'regressed' ? `${mode} bug is back` : `New ${finding.mode} finding`;
}

export function findingSection(finding: Finding): Block {
  const lines = [
    `*${escapeMrkdwn(truncate(oneLine(finding.caseId), 120))}* — ${escapeMrkdwn(truncate(oneLine(finding.title), 200))}`,
    codeBlock(shorten(finding.evidence)),
  ];
  const facts = [`${code(finding.id)} · ${escapeMrkdwn(finding.kind)}`, `seen ${plural(finding.count, 'time')}`];
  if (finding.state === 'regressed' && finding.fixedIn) facts.push(`was fixed at ${code(finding.fixedIn.commit?.slice(0, 10) ?? 'working tree')}`);
  if (finding.flaky) facts.push('flaky: did not reproduce on replay');
  lines.push(facts.join(' · '));
  if (finding.repro) lines.push(`Reproduce: ${code(finding.repro)}`);
  return section(lines.join('\n'));
}

/** The first lines of the evidence; the thread has all of it. */
function shorten(evidence: string): string {
  if (evidence.length <= EVIDENCE_CHARS) return evidence;
  return `${evidence.slice(0, EVIDENCE_CHARS)}\n… (${evidence.length - EVIDENCE_CHARS} more characters in the thread)`;
}
