// `perflab findings`: what fuzz and stress runs found, deduplicated, with
// their state (new → known → fixed, or regressed) and how often each was seen.
import { Command, Option } from 'commander';
import type { Finding, FindingState } from '../../engine/model.js';
import { textTable } from '../../engine/report/text-table.js';
import { pageLine } from '../page-link.js';
import { addOutputOptions, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';

const STATES: FindingState[] = ['new', 'known', 'fixed', 'regressed'];

export function findingsCommand(): Command {
  const command = new Command('findings')
    .description('list fuzz and stress findings, oldest first')
    .addOption(new Option('--state <state>', 'only findings in this state').choices(STATES))
  addOutputOptions(command);
  documentExitCodes(command, {});
  return command.action(async (flags: OutputFlags & { state?: FindingState }) => {
    const findings = await withLab({ store: flags.store }, (lab) => lab.findings(flags.state ? { state: flags.state } : {}));
    // JSON carries the full evidence.
    await writeOutput(flags, { findings }, () => findingsTable(findings, flags.state) + pageLine({ page: 'findings' }));
  });
}

function findingsTable(findings: readonly Finding[], state: FindingState | undefined): string {
  if (findings.length === 0) return `No findings${state ? ` in state ${state}` : ''}.\n`;
  const table = textTable(['id', 'state', 'case', 'kind', 'title', 'seen', 'last seen']);
  for (const f of findings) {
    table.push([f.id, `${f.state}${f.flaky ? ' (flaky)' : ''}`, f.caseId, f.kind, truncate(f.title, 60), `${f.count}×`, f.lastSeen.at.replace('T', ' ').slice(0, 16)]);
  }
  return `${table.toString()}\nReplay one: perflab fuzz --replay <id>\n`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
