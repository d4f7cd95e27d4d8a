// `perflab history <caseId>`: how a case moved, run by run, and where its
// level changed; `--chart FILE` draws it.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { FuzzChartRun } from '../../engine/chart/index.js';
import { textTable } from '../../engine/report/text-table.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { formatMeasure } from '../../engine/report/format-measure.js';
import { formatRatio } from '../../engine/report/format-duration.js';
import type { HistoryEntry } from '../../engine/store/store.js';
import { historyChangePoints } from '../../lab/history-change-points.js';
import { addOutputOptions, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { chartFile, type ChartFile } from '../chart-file.js';
import { pageLine } from '../page-link.js';
import { parsePositiveInt } from '../parse-number.js';

export function historyCommand(): Command {
  const command = new Command('history')
    .description("a case's results on this machine, oldest first (a fuzz property: its fuzz runs and what each found)")
    .argument('<caseId>', 'e.g. json/parse')
    .option('--limit <n>', 'only the newest N entries', parsePositiveInt, 50)
    .option('--all-machines', 'include results from other machines')
    .option('--chart <file>', "also draw the case's chart on this machine, as PNG or SVG by the file's extension: the whole history, or the newest N runs when --limit is given", chartFile);
  addOutputOptions(command);
  documentExitCodes(command, { [ExitCode.UserError]: 'no history for that case (the known cases are listed), or a --chart file that is neither .png nor .svg' });
  return command.action(async (caseId: string, flags: OutputFlags & { limit: number; allMachines?: boolean; chart?: ChartFile }) => {
    await withLab({ store: flags.store }, async (lab) => {
      const entries = await lab.history(caseId, { limit: flags.limit, ...(flags.allMachines ? { allMachines: true } : {}) });
      const chartLimit = command.getOptionValueSource('limit') === 'cli' ? { limit: flags.limit } : {};
      // A fuzz property keeps no history of numbers: its runs and what they found are its history.
      const fuzz = entries.length === 0 ? await lab.fuzzHistory(caseId, { limit: flags.limit }) : null;
      if (fuzz) {
        if (flags.chart) await writeFile(flags.chart.path, await lab.caseChart(caseId, { format: flags.chart.format, ...chartLimit }));
        return writeOutput(flags, { caseId, fuzzRuns: fuzz.runs }, () => fuzzTable(fuzz.runs));
      }
      if (entries.length === 0 && flags.json !== true) {
        const known = await lab.knownCases();
        throw new PerflabError(ErrorCode.CaseNotFound, `no history for "${caseId}"${flags.allMachines ? '' : ` on ${lab.machine}`}${known.length ? `; known cases: ${known.join(', ')}` : ''}`);
      }
      const { current: baseline } = await lab.baseline(caseId);
      const marked = markChangePoints(entries);
      // The table's default of 50 rows is a screenful, not a trend: the chart takes --limit only when it was asked for.
      if (flags.chart) await writeFile(flags.chart.path, await lab.caseChart(caseId, { format: flags.chart.format, ...chartLimit }));
      await writeOutput(flags, { caseId, entries: marked }, () => historyTable(marked, baseline?.runId) + pageLine({ page: 'case', caseId }));
    });
  });
}

/** A listed run where the level moved, with the move; the JSON carries `changePoint: true` and `change` (new level / old). */
type MarkedEntry = HistoryEntry & { changePoint?: true; change?: number };

/**
 * Marks the runs where a change point starts, found among the listed runs
 * (what `--limit` lets through): the same runs a chart of them would mark.
 * With --all-machines the runs of every machine are one series; the marks
 * then say less.
 */
function markChangePoints(entries: readonly HistoryEntry[]): MarkedEntry[] {
  const changes = new Map(historyChangePoints(entries).map((c) => [c.runId, c.ratio]));
  return entries.map((e) => {
    const ratio = changes.get(e.runId);
    return ratio === undefined ? e : { ...e, changePoint: true, change: ratio };
  });
}

function historyTable(entries: readonly MarkedEntry[], baselineRunId: string | undefined): string {
  const table = textTable(['when', 'run', 'commit', 'median', 'cv', 'verdict', '']);
  for (const e of entries) {
    table.push([
      e.at.replace('T', ' ').slice(0, 19),
      e.runId,
      e.commit?.slice(0, 12) ?? '',
      formatMeasure(e.median, e.unit),
      e.cv !== undefined ? `${(e.cv * 100).toFixed(1)}%` : '',
      e.verdict ?? e.state,
      [e.change !== undefined ? `level ${formatRatio(e.change)} from here` : '', baselineRunId === e.runId ? 'baseline' : ''].filter(Boolean).join(', '),
    ]);
  }
  return `${table.toString()}\n`;
}

/** A fuzz property's runs: what each found new, saw fixed, and saw come back. */
function fuzzTable(runs: readonly FuzzChartRun[]): string {
  const table = textTable(['when', 'run', 'commit', 'new', 'fixed', 'regressed']);
  for (const r of runs) table.push([r.at.replace('T', ' ').slice(0, 19), r.runId, r.commit?.slice(0, 12) ?? '', String(r.new), String(r.fixed), String(r.regressed)]);
  return `${table.toString()}\n`;
}
