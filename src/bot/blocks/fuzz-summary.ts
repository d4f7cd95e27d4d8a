// The thread reply of a `/perflab fuzz`: per property, inputs tried, speed and
// budget used, then the run's errors. Findings themselves arrive as the
// finding alert (with buttons) through the outbox.
import type { FuzzCaseStats } from '../../modes/fuzz/fuzz-run-record.js';
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { codeBlockChunks, monoTable, type MonoColumn } from './mono-table.js';
import { plural } from './plural.js';
import { oneLine, truncate } from './truncate.js';

const COLUMNS: MonoColumn[] = [
  { title: 'property', max: 48 },
  { title: 'inputs', max: 12, align: 'right' },
  { title: 'exec/s', max: 10, align: 'right' },
  { title: 'budget', max: 6, align: 'right' },
  { title: 'result', max: 10 },
];
/** Error lines shown; the rest are counted. */
const MAX_ERRORS = 10;

export interface FuzzSummaryView {
  cases: readonly FuzzCaseStats[];
  suiteErrors: readonly { file: string; error: { message: string } }[];
  /** Findings this run told about (new or back), by id. */
  alertedFindings: readonly string[];
}

export function fuzzSummary(view: FuzzSummaryView): Message {
  if (view.cases.length === 0 && view.suiteErrors.length === 0) return { text: 'No fuzz properties matched.', blocks: [section('No fuzz properties matched: check the pattern (`/perflab fuzz all` runs them all).')] };
  const rows = view.cases.map((s) => [s.caseId, s.inputs.toLocaleString('en-US'), Math.round(s.executionsPerSecond).toLocaleString('en-US'), `${Math.round(s.budgetCoverage * 100)}%`, s.state]);
  const { head, lines } = monoTable(COLUMNS, rows);
  const blocks: KnownBlock[] = codeBlockChunks(head, lines).slice(0, 3).map((chunk) => section(chunk));
  const errors = [
    ...view.suiteErrors.map((e) => `${e.file}: ${e.error.message}`),
    ...view.cases.flatMap((s) => (s.error ? [`${s.caseId}: ${s.error.message}`] : [])),
  ];
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS).map((e) => `• ${escapeMrkdwn(truncate(oneLine(e), 300))}`);
    if (errors.length > MAX_ERRORS) shown.push(`… and ${errors.length - MAX_ERRORS} more`);
    blocks.push(section(`:warning: Could not fuzz:\n${shown.join('\n')}`));
  }
  const found = view.alertedFindings.length;
  blocks.push(context([found > 0 ? `${plural(found, 'finding')} new or back: ${view.alertedFindings.slice(0, 10).map(code).join(', ')} (see the alert)` : 'Nothing new found.']));
  return { text: `Fuzzed ${plural(view.cases.length, 'property', 'properties')}${found > 0 ? `, ${plural(found, 'finding')} new or back` : ''}`, blocks };
}
