// `perflab ci`: inside an existing CI job (GitHub Actions, Buildbot,
// Jenkins), measure the checked-out commit against a base interleaved, write
// a report, and turn the build red — or yellow with --warn-only — on a
// confirmed regression.
import { appendFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { describeCheckout } from '../../engine/git/git.js';
import { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import { compareMarkdown } from '../../engine/report/compare-markdown.js';
import { caseFilter } from '../../engine/suite/case-filter.js';
import { compareRefs } from '../../modes/bench/compare-refs.js';
import { WORKER_FILE } from '../../modes/bench/run-bench.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';

interface CiFlags {
  base?: string;
  suites: string;
  filter?: string;
  report?: string;
  json?: string;
  warnOnly?: boolean;
  timeBudget?: number;
}

export function ciCommand(): Command {
  return new Command('ci')
    .description('compare the checked-out commit with a base inside a CI job; exit 1 on a confirmed regression')
    .option('--base <ref>', 'what to compare with (default: origin/$GITHUB_BASE_REF on a pull request, else HEAD~1)')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--filter <pattern>', 'only cases whose id matches')
    .option('--report <file>', 'write a Markdown report here (also appended to $GITHUB_STEP_SUMMARY when set)')
    .option('--json <file>', 'write the comparison as JSON here')
    .option('--warn-only', `a regression exits ${ExitCode.Warning} (a warning) instead of ${ExitCode.Regression}`)
    .option('--time-budget <ms>', 'time budget per case run (overrides suites)', parsePositiveInt)
    .action(async (flags: CiFlags) => {
      process.exitCode = await ci(flags);
    });
}

async function ci(flags: CiFlags): Promise<ExitCode> {
  const suitesDir = resolve(flags.suites);
  const checkout = await describeCheckout(suitesDir);
  if (!checkout) throw new PerflabError(ErrorCode.Config, `${suitesDir} is not in a git checkout: perflab ci compares commits`);
  const base = flags.base ?? (process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : 'HEAD~1');
  const report = await compareRefs({
    repo: checkout.root,
    refA: base,
    refB: 'HEAD',
    suites: relative(checkout.root, suitesDir),
    filter: caseFilter(flags.filter),
    pool: new ExclusivePool({ filename: WORKER_FILE }),
    ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}),
    onProgress: (caseId, side, done, target) => {
      if (done === target && side === 'candidate') process.stderr.write(`${caseId}: ${done} runs per side\n`);
    },
  });
  const markdown = compareMarkdown({ ...report, refA: base, refB: 'HEAD' });
  process.stdout.write(markdown);
  if (flags.report) await writeFile(flags.report, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown);
  if (flags.json) await writeFile(flags.json, `${JSON.stringify({ base, ...report }, null, 2)}\n`);

  if (report.suiteErrors.length > 0 || report.comparisons.some((c) => c.verdict === 'errored')) return ExitCode.UserError;
  if (report.comparisons.some((c) => c.verdict === 'regressed')) return flags.warnOnly ? ExitCode.Warning : ExitCode.Regression;
  return ExitCode.Ok;
}
