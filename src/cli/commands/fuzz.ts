// `perflab fuzz`: fuzz the suites' properties for a time budget, or replay one
// input (`--replay <findingId>`, or `<case> --seed … --path …`).
//   exit 0  nothing new (or: the replayed input passes)
//   exit 1  a new or returned finding (or: the replayed input still fails)
//   exit 2  bad input: an option, a suite that does not load, a property that cannot run (wins over 1)
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { ownStack } from '../../modes/fuzz/finding-report.js';
import type { ReplayResult } from '../../modes/fuzz/replay-input.js';
import { DEFAULT_FUZZ_BUDGET_MS, type FuzzReport } from '../../modes/fuzz/run-fuzz.js';
import { addOutputOptions, cliTrigger, documentExitCodes, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { formatFinding, humanFuzzReport } from '../fuzz-report.js';
import { fuzzProgressPrinter } from '../fuzz-progress.js';
import { parseDurationOption, parseNonNegativeInt, parsePositiveInt } from '../parse-number.js';
import { runJob } from '../run-job.js';

interface FuzzFlags extends OutputFlags {
  suites: string;
  budget: number;
  workers?: number;
  replay?: string;
  seed?: number;
  path?: string;
  replayPath?: string;
  commit?: string;
}

export function fuzzCommand(): Command {
  const command = new Command('fuzz')
    .description('fuzz the suites\' properties for a time budget and record what fails; or replay one input')
    .argument('[pattern]', 'only properties whose id matches: a glob (url/*) or a substring; with --seed, one property id')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .addOption(new Option('--budget <time>', 'fuzzing time of the whole run, split over the properties (e.g. 30s, 2m)').argParser(parseDurationOption).default(DEFAULT_FUZZ_BUDGET_MS, `${DEFAULT_FUZZ_BUDGET_MS / 1000}s`))
    .option('--workers <n>', 'worker threads (default: the number of CPUs)', parsePositiveInt)
    .option('--replay <findingId>', 'replay a stored finding: exit 1 if it still fails, 0 if not (then it is marked flaky)')
    .option('--seed <n>', 'with a property id and --path: replay that input', parseNonNegativeInt)
    .option('--path <path>', 'fast-check path of the input to replay (with --seed)')
    .option('--replay-path <path>', 'fc.commands replay path (with --seed)')
    .option('--commit <sha>', 'record the run under this commit (default: HEAD of the suites checkout)');
  addOutputOptions(command);
  documentExitCodes(command, {
    [ExitCode.Regression]: 'a new or returning finding; with --replay or --seed, the input still fails',
    [ExitCode.Interrupted]: 'stopped with Ctrl-C; what was found is recorded',
  });
  return command.action(async (pattern: string | undefined, flags: FuzzFlags) => {
    process.exitCode = await fuzz(pattern, flags);
  });
}

async function fuzz(pattern: string | undefined, flags: FuzzFlags): Promise<ExitCode> {
  if (flags.replay !== undefined && (pattern !== undefined || flags.seed !== undefined)) {
    throw new PerflabError(ErrorCode.Config, '--replay takes a finding id alone; to replay an input by hand give a property id with --seed and --path');
  }
  if ((flags.seed === undefined) !== (flags.path === undefined)) throw new PerflabError(ErrorCode.Config, '--seed and --path go together (both are in a finding\'s repro line)');
  if (flags.seed !== undefined && pattern === undefined) throw new PerflabError(ErrorCode.Config, '--seed needs the property id, e.g. perflab fuzz "url/round trip" --seed 42 --path "3:1"');

  return withLab({ store: flags.store, suites: flags.suites }, async (lab) => {
    if (flags.replay !== undefined || (flags.seed !== undefined && flags.path !== undefined && pattern !== undefined)) {
      const request =
        flags.replay !== undefined
          ? { findingId: flags.replay, ...(flags.commit ? { commit: flags.commit } : {}) }
          : { caseId: pattern as string, seed: flags.seed as number, path: flags.path as string, ...(flags.replayPath ? { replayPath: flags.replayPath } : {}) };
      const { end } = await runJob(lab, 'replay', request, cliTrigger(), { finished: 'replay-finished', onSigint: 'stopping the replay' });
      if (end.type === 'cancelled') return ExitCode.Interrupted;
      const { outcome } = end;
      if (outcome.finding && flags.json !== true) process.stdout.write(`${formatFinding(outcome.finding)}\n`);
      const code = await printReplay(outcome.result, flags, outcome.finding?.id);
      if (outcome.markedFlaky && flags.json !== true) process.stdout.write(pc.yellow(`marked ${outcome.finding?.id ?? ''} flaky: it failed on this same code before\n`));
      return code;
    }
    const progress = flags.quiet || flags.json === true ? undefined : fuzzProgressPrinter();
    const request = { ...(pattern ? { pattern } : {}), budgetMs: flags.budget, ...(flags.workers !== undefined ? { workers: flags.workers } : {}), ...(flags.commit ? { commit: flags.commit } : {}) };
    const { end, interrupted } = await runJob(lab, 'fuzz', request, cliTrigger(), {
      finished: 'fuzz-finished',
      onSigint: 'recording what was found',
      onEvent: (event) => {
        if (event.type === 'fuzz-progress') progress?.(event.progress);
      },
    });
    // Stopped with Ctrl-C: what was found is recorded, and printed.
    const report = end.type === 'cancelled' ? end.fuzzReport : end.report;
    if (!report) return ExitCode.Interrupted;
    await writeOutput(flags, report, () => humanFuzzReport(report));
    if (interrupted) return ExitCode.Interrupted;
    return exitCode(report);
  });
}

async function printReplay(result: ReplayResult, flags: OutputFlags, findingId?: string): Promise<ExitCode> {
  await writeOutput(flags, { ...(findingId ? { findingId } : {}), ...result }, () => humanReplay(result));
  if (result.state === 'errored') return ExitCode.UserError;
  return result.state === 'reproduced' ? ExitCode.Regression : ExitCode.Ok;
}

function humanReplay(result: ReplayResult): string {
  switch (result.state) {
    case 'passed':
      return pc.green('does not reproduce: the input passes on this checkout\n');
    case 'reproduced':
      return pc.red(`reproduces: ${result.message}\n`) + (result.failure ? `counterexample: ${result.failure.counterexample}\n${ownStack(result.failure.error.stack)}\n` : '');
    case 'errored':
      throw new PerflabError(ErrorCode.PropertyBuild, `cannot replay: ${result.error.message}`);
  }
}

/** The highest code that applies (see exit-code.ts). */
function exitCode(report: FuzzReport): ExitCode {
  if (report.suiteErrors.length > 0 || report.cases.some((c) => c.state === 'errored')) return ExitCode.UserError;
  if (report.alert) return ExitCode.Regression;
  return ExitCode.Ok;
}
