// A comparison of two commits as Markdown: for CI job summaries, pull request
// comments and report files.
import type { Change, Verdict } from '../model.js';
import { formatRatio } from './format-duration.js';
import { reportedChange } from '../model/comparison.js';

export interface CompareReportInput {
  refA: string;
  refB: string;
  commitA: string;
  commitB: string;
  comparisons: readonly { caseId: string; verdict: Verdict; change?: Change; reason: string }[];
  onlyA: readonly string[];
  onlyB: readonly string[];
  suiteErrors: readonly { side: 'A' | 'B'; file: string; error: { message: string } }[];
}

const MARK: Record<Verdict, string> = { regressed: '🔺', improved: '🟢', unchanged: '', unstable: '〰️', 'no-baseline': '', errored: '❌' };

export function compareMarkdown(report: CompareReportInput): string {
  const count = (v: Verdict) => report.comparisons.filter((c) => c.verdict === v).length;
  const headline =
    count('regressed') > 0
      ? `**${count('regressed')} regression(s)** confirmed`
      : count('improved') > 0
        ? `No regression; ${count('improved')} case(s) faster`
        : 'No regression';
  const lines = [
    `### perflab: ${report.refB} (\`${report.commitB.slice(0, 12)}\`) against ${report.refA} (\`${report.commitA.slice(0, 12)}\`)`,
    '',
    `${headline} — ${report.comparisons.length} case(s) measured interleaved, fresh worker per run.`,
    '',
    '| case | change | CI | p | runs/side | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of report.comparisons) {
    const ch = reportedChange(c);
    const ok = ch && Number.isFinite(ch.ratio);
    lines.push(`| ${escapeCell(c.caseId)} | ${ok ? formatRatio(ch.ratio) : ''} | ${ok ? `${formatRatio(ch.ciLow)} … ${formatRatio(ch.ciHigh)}` : ''} | ${ok ? ch.pValue.toPrecision(2) : ''} | ${ch ? ch.runs : ''} | ${MARK[c.verdict]} ${c.verdict} |`);
  }
  const notes = report.comparisons.filter((c) => c.verdict !== 'unchanged').map((c) => `- **${escapeCell(c.caseId)}**: ${c.reason}`);
  if (notes.length) lines.push('', ...notes);
  if (report.onlyA.length) lines.push('', `Only in ${report.refA}: ${report.onlyA.map(escapeCell).join(', ')}`);
  if (report.onlyB.length) lines.push('', `Only in ${report.refB}: ${report.onlyB.map(escapeCell).join(', ')}`);
  for (const e of report.suiteErrors) lines.push('', `❌ ${e.side === 'A' ? report.refA : report.refB}: \`${e.file}\`: ${e.error.message}`);
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
