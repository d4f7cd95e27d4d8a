// `perflab audit`: who did what, from where, when — newest first. Every job
// (from the CLI, Slack, a schedule, the watcher or CI) and every click is here.
import { Command } from 'commander';
import type { AuditEvent } from '../../engine/model.js';
import { textTable } from '../../engine/report/text-table.js';
import { addOutputOptions, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { parsePositiveInt } from '../parse-number.js';

export function auditCommand(): Command {
  const command = new Command('audit').description('list the audit log: who, from where, what, when (newest first)').option('--limit <n>', 'only the newest N events', parsePositiveInt, 50);
  addOutputOptions(command);
  documentExitCodes(command, {});
  return command.action(async (flags: OutputFlags & { limit: number }) => {
    const events = await withLab({ store: flags.store }, (lab) => lab.auditLog({ limit: flags.limit }));
    await writeOutput(flags, { events }, () => auditTable(events));
  });
}

function auditTable(events: readonly AuditEvent[]): string {
  if (events.length === 0) return 'The audit log is empty.\n';
  const table = textTable(['when', 'who', 'from', 'what', 'details']);
  for (const e of events) {
    const { via, ...args } = e.args;
    table.push([e.at.replace('T', ' ').slice(0, 19), e.actor, typeof via === 'string' ? via : '', e.action, details(args)]);
  }
  return `${table.toString()}\n`;
}

/** The arguments in one short line: `jobId=j-1a2b3c kind=run description="run json/*"`. */
function details(args: Record<string, unknown>): string {
  const text = Object.entries(args)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
