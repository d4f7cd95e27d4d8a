// What a finding alert shows of each finding: its one-line title, the
// evidence (shortened: the full text goes in the thread), how often it was
// seen, and the command that reproduces it.
import type { Finding } from '../../engine/model.js';
import type { KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS, type Message } from './block-kit.js';
import { section } from './block-builders.js';
import { code, codeBlock, escapeMrkdwn } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { oneLine, truncate } from './truncate.js';

const EVIDENCE_CHARS = 900;
/** Evidence per thread section (code fences and escaping need room below Slack's 3000) and sections per message. */
const DETAIL_CHUNK = 2500;
const DETAIL_SECTIONS = 4;

export function findingLabel(finding: Finding): string {
  const mode = finding.mode === 'fuzz' ? 'Fuzz' : 'Stress';
  return finding.state === 'regressed' ? `${mode} bug is back` : `New ${finding.mode} finding`;
}

export function findingSection(finding: Finding): SectionBlock {
  const lines = [
    `*${escapeMrkdwn(truncate(oneLine(finding.caseId), 120))}* — ${escapeMrkdwn(truncate(oneLine(finding.title), 200))}`,
    codeBlock(shorten(finding.evidence)),
  ];
  const facts = [`${code(finding.id)} · ${escapeMrkdwn(finding.kind)}`, `seen ${plural(finding.count, 'time')}`];
  if (finding.state === 'regressed' && finding.fixedIn) facts.push(`was fixed at ${code(finding.fixedIn.commit?.slice(0, 10) ?? 'working tree')}`);
  if (finding.flaky) facts.push('flaky: did not reproduce on replay');
  lines.push(facts.join(' · '));
  if (finding.repro) lines.push(`Reproduce: ${code(finding.repro)}`);
  if (finding.mode === 'fuzz') lines.push(`Replay and update the finding: ${code(`perflab fuzz --replay ${finding.id}`)}`);
  return section(lines.join('\n'));
}

/** The whole evidence of each finding, for the alert's thread: one message per finding, in sections Slack accepts. */
export function findingDetails(finding: Finding): Message {
  const chunks: string[] = [];
  let at = 0;
  while (at < finding.evidence.length && chunks.length < DETAIL_SECTIONS) {
    // Escaping can make text longer (`<` is `&lt;`): shrink the piece until its block fits.
    let size = DETAIL_CHUNK;
    while (size > 100 && codeBlock(finding.evidence.slice(at, at + size)).length > LIMITS.sectionText - 100) size = Math.floor(size * 0.8);
    chunks.push(finding.evidence.slice(at, at + size));
    at += size;
  }
  const rest = finding.evidence.length - at;
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(truncate(oneLine(finding.caseId), 120))}* ${code(finding.id)} — full evidence`),
    ...chunks.map((chunk) => section(codeBlock(chunk))),
  ];
  if (rest > 0) blocks.push(section(`…${rest} more characters: \`perflab findings --json\` has all of it.`));
  return { text: `${finding.id}: ${truncate(oneLine(finding.title), 200)}`, blocks };
}

/** The first lines of the evidence; the thread has all of it. */
function shorten(evidence: string): string {
  if (evidence.length <= EVIDENCE_CHARS) return evidence;
  return `${evidence.slice(0, EVIDENCE_CHARS)}\n… (${evidence.length - EVIDENCE_CHARS} more characters in the thread)`;
}
