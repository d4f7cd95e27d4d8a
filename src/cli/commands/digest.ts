// `perflab digest`: what the scheduled digest posts (`schedule add "0 9 * * 1"
// all digest`), in the terminal: the cases that moved against a week, a
// month and a year ago, biggest first, and with --chart their picture.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { diffReportJson } from '../../engine/report/diff-report-json.js';
import { diffReportTable } from '../../engine/report/diff-report-table.js';
import { DIGEST_MOVERS, digestHeadline, type Digest } from '../../engine/report/digest.js';
import { REPORT_THRESHOLD } from '../../lab/lab-diff-report.js';
import { chartFile, type ChartFile } from '../chart-file.js';
import { addOutputOptions, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';

interface DigestFlags extends OutputFlags {
  filter?: string;
  limit: number;
  chart?: ChartFile;
}

export function digestCommand(): Command {
  const command = new Command('digest')
    .description('the biggest movers against a week, a month and a year ago: what the scheduled digest posts to Slack')
    .option('--filter <pattern>', 'only cases whose id matches (a glob such as "json/*", or part of the id)')
    .option('--limit <n>', 'list at most N movers', parsePositiveInt, DIGEST_MOVERS)
    .option('--chart <file>', "also draw the movers' chart, as PNG or SVG by the file's extension (none when nothing moved)", chartFile);
  addOutputOptions(command);
  command.addHelpText('after', `\nA mover is a case with a cell marked ▲ or ▼: significant and beyond ${REPORT_THRESHOLD * 100}%, as in perflab report.\n`);
  documentExitCodes(command, { [ExitCode.UserError]: 'a --chart file that is neither .png nor .svg' });
  return command.action(async (flags: DigestFlags) => {
    await withLab({ store: flags.store }, async (lab) => {
      const digest = await lab.digest({ limit: flags.limit, ...(flags.filter ? { pattern: flags.filter } : {}) });
      const chart = flags.chart ? await lab.digestChart(digest, flags.chart.format) : null;
      if (flags.chart && chart !== null) await writeFile(flags.chart.path, chart);
      const json = { ...digestJson(digest), chart: flags.chart && chart !== null ? flags.chart.path : null };
      await writeOutput(flags, json, () => digestText(digest, flags.chart && chart === null ? flags.chart.path : null));
    });
  });
}

/** The digest as JSON: its counts, and the movers as `perflab report --json` writes cases. */
function digestJson(digest: Digest) {
  return { at: digest.at, pattern: digest.pattern, cases: digest.cases, regressed: digest.regressed, improved: digest.improved, notShown: digest.notShown, report: diffReportJson(digest.report) };
}

function digestText(digest: Digest, chartNotDrawn: string | null): string {
  const lines = [`perflab digest, week to ${digest.at.slice(0, 10)}: ${digestHeadline(digest)}`];
  if (chartNotDrawn) lines.push(`Nothing moved, so no chart was written to ${chartNotDrawn}.`);
  if (digest.report.cases.length === 0) return `${lines.join('\n')}\n`;
  if (digest.notShown > 0) lines.push(`${digest.notShown} more mover${digest.notShown === 1 ? '' : 's'} not shown (--limit).`);
  return `${lines.join('\n')}\n${diffReportTable(digest.report)}`;
}
