// `perflab report`: each known case's latest results against the previous
// run, a day, a week, a month and a year ago (or the points asked for), as
// a table, JSON for scripts, or Markdown for a CI job summary.
import { appendFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { diffReportJson } from '../../engine/report/diff-report-json.js';
import { diffReportMarkdown } from '../../engine/report/diff-report-markdown.js';
import { diffReportTable } from '../../engine/report/diff-report-table.js';
import { parseVsPoint, VsPointParseError, VS_POINT_FORMS, type VsPoint } from '../../engine/report/vs-point.js';
import { labDiffReport, REPORT_THRESHOLD, storeDiffReportReads } from '../../lab/lab-diff-report.js';
import type { Store } from '../../engine/store/store.js';
import { addOutputOptions, documentExitCodes, machineName, withLab, withStore, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { casePageLinks, pageLine } from '../page-link.js';
import { describeCheckout } from '../../engine/git/git.js';

interface ReportFlags extends OutputFlags {
  vs: VsPoint[];
  filter?: string;
  markdown?: string;
  html?: string;
  suites: string;
  failOnRegression?: boolean;
}

export function reportCommand(): Command {
  const command = new Command('report')
    .description("each case's latest results against the previous run, a day, a week, a month and a year ago, with confidence intervals")
    .option('--vs <point>', `compare with this point; repeat for more columns (default: previous, day, week, month, year). One of ${VS_POINT_FORMS}`, collectVsPoint, [])
    .option('--filter <pattern>', 'only cases whose id matches (a glob such as "json/*", or part of the id)')
    .option('--markdown <file>', 'also write the report as Markdown here (and append it to $GITHUB_STEP_SUMMARY when set)')
    .option('--html <dir>', "also write the site's pages (overview, cases, runs, alerts, findings) as static files here, with relative links, for a CI artifact")
    .option('--suites <dir>', 'directory of suite files; git refs given to --vs are resolved in its checkout', 'suites')
    .option('--fail-on-regression', `exit ${ExitCode.Regression} when a case regressed against any point`);
  addOutputOptions(command);
  command.addHelpText('after', `\nCells are marked when significant and beyond ${REPORT_THRESHOLD * 100}% (the default case threshold; a suite's own threshold is not read here).\n`);
  documentExitCodes(command, {
    [ExitCode.Regression]: 'with --fail-on-regression: a case regressed against a point',
    [ExitCode.UserError]: 'a --vs that is none of the accepted forms, or a ref git does not know',
  });
  return command.action(async (flags: ReportFlags) => {
    // Straight from the store, without a lab: a read-only report needs no job queue, and loading one cost most of its start.
    const reads = (store: Store) => storeDiffReportReads(store, machineName(), resolve(flags.suites));
    const report = await withStore(flags.store, (store) => labDiffReport(reads(store), { vs: flags.vs, ...(flags.filter ? { pattern: flags.filter } : {}) }));
    await writeOutput(flags, diffReportJson(report), () => (report.cases.length === 0 ? noCases(flags.filter) : diffReportTable(report) + pageLine({ page: 'overview' }, 'Pages')));
    const html = flags.html;
    if (html) {
      // Pages draw charts: their code loads only when asked for.
      const { writeStaticSite } = await import('../../site/write-static-site.js');
      const site = await withLab({ store: flags.store, suites: flags.suites }, async (lab) => writeStaticSite({ lab, repo: (await describeCheckout(lab.suitesDir))?.root ?? null }, html));
      process.stderr.write(`wrote ${site.files.length} files to ${html} (open ${join(html, 'index.html')})${site.skipped > 0 ? `; ${site.skipped} linked pages left out (over the limit)` : ''}\n`);
    }
    if (flags.markdown) {
      const linkFor = casePageLinks();
      const markdown = diffReportMarkdown(report, linkFor ? { linkFor } : {});
      await writeFile(flags.markdown, markdown);
      if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown);
    }
    const regressed = report.cases.some((c) => c.cells.some((cell) => cell.mark === 'regressed'));
    if (flags.failOnRegression && regressed) process.exitCode = ExitCode.Regression;
  });
}

/** Commander argument parser for a repeatable --vs: each value is read at once, so a bad one stops before the store is opened. */
function collectVsPoint(value: string, previous: VsPoint[]): VsPoint[] {
  try {
    return [...previous, parseVsPoint(value)];
  } catch (error) {
    if (error instanceof VsPointParseError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function noCases(filter: string | undefined): string {
  return filter ? `No case with a baseline on this machine matches "${filter}".\n` : 'No case has a baseline on this machine yet: run the suites first (perflab run).\n';
}
