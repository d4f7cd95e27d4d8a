// `perflab fuzz`: fuzz the suites' properties for a time budget, or replay one
// input (`--replay <findingId>`, or `<case> --seed … --path …`).
//   exit 0  nothing new (or: the replayed input passes)
//   exit 1  a new or returned finding (or: the replayed input still fails)
//   exit 2  bad input: an option, a suite that does not load, a property that cannot run (wins over 1)
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { describeCheckout } from '../../engine/git/git.js';
import { caseFilter } from '../../engine/suite/case-filter.js';
import { ownStack } from '../../modes/fuzz/finding-report.js';
import { FuzzPool } from '../../modes/fuzz/fuzz-pool.js';
import type { ReplayResult } from '../../modes/fuzz/replay-input.js';
import { replayCaseInput, replayFinding } from '../../modes/fuzz/replay-finding.js';
import { DEFAULT_FUZZ_BUDGET_MS, runFuzz, type FuzzReport } from '../../modes/fuzz/run-fuzz.js';
import { addStoreOption, cliActor, machineName, withStore } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { formatFinding, humanFuzzReport } from '../fuzz-report.js';
import { fuzzProgressPrinter } from '../fuzz-progress.js';
import { parseDurationOption, parseNonNegativeInt, parsePositiveInt } from '../parse-number.js';

interface FuzzFlags {
  suites: string;
  budget: number;
  workers?: number;
  json?: boolean;
  replay?: string;
  seed?: number;
  path?: string;
  replayPath?: string;
  commit?: string;
  store?: string;
  quiet?: boolean;
}

export function fuzzCommand(): Command {
  const command = new Command('fuzz')
    .description('fuzz the suites\' properties for a time budget and record what fails; or replay one input')
    .argument('[pattern]', 'only properties whose id matches: a glob (url/*) or a substring; with --seed, one property id')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .addOption(new Option('--budget <time>', 'fuzzing time of the whole run, split over the properties (e.g. 30s, 2m)').argParser(parseDurationOption).default(DEFAULT_FUZZ_BUDGET_MS, `${DEFAULT_FUZZ_BUDGET_MS / 1000}s`))
    .option('--workers <n>', 'worker threads (default: the number of CPUs)', parsePositiveInt)
    .option('--json', 'print the report as JSON')
    .option('--replay <findingId>', 'replay a stored finding: exit 1 if it still fails, 0 if not (then it is marked flaky)')
    .option('--seed <n>', 'with a property id and --path: replay that input', parseNonNegativeInt)
    .option('--path <path>', 'fast-check path of the input to replay (with --seed)')
    .option('--replay-path <path>', 'fc.commands replay path (with --seed)')
    .option('--commit <sha>', 'record the run under this commit (default: HEAD of the suites checkout)')
    .option('-q, --quiet', 'no progress on stderr');
  addStoreOption(command);
  return command.action(async (pattern: string | undefined, flags: FuzzFlags) => {
    process.exitCode = await fuzz(pattern, flags);
  });
}

async function fuzz(pattern: string | undefined, flags: FuzzFlags): Promise<ExitCode> {
  const suitesDir = resolve(flags.suites);
  if (flags.replay !== undefined && (pattern !== undefined || flags.seed !== undefined)) {
    throw new PerflabError(ErrorCode.Config, '--replay takes a finding id alone; to replay an input by hand give a property id with --seed and --path');
  }
  if ((flags.seed === undefined) !== (flags.path === undefined)) throw new PerflabError(ErrorCode.Config, '--seed and --path go together (both are in a finding\'s repro line)');
  if (flags.seed !== undefined && pattern === undefined) throw new PerflabError(ErrorCode.Config, '--seed needs the property id, e.g. perflab fuzz "url/round trip" --seed 42 --path "3:1"');

  // Ctrl-C: workers finish their current chunk, what was found is recorded; a second Ctrl-C exits at once.
  const cancel = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping: recording what was found (Ctrl-C again to quit at once)\n');
    cancel.abort(new Error('cancelled by Ctrl-C'));
    process.once('SIGINT', () => process.exit(ExitCode.Interrupted));
  });
  const pool = new FuzzPool(flags.workers !== undefined ? { workers: flags.workers } : {});
  try {
    if (flags.seed !== undefined && flags.path !== undefined && pattern !== undefined) {
      const input = { seed: flags.seed, path: flags.path, ...(flags.replayPath ? { replayPath: flags.replayPath } : {}) };
      const result = await replayCaseInput({ pool, suitesDir, caseId: pattern, input, signal: cancel.signal });
      return printReplay(result, flags.json === true);
    }
    const checkout = await describeCheckout(suitesDir);
    const commit = flags.commit ?? checkout?.commit ?? null;
    if (flags.replay !== undefined) {
      const findingId = flags.replay;
      return await withStore(flags.store, async (store) => {
        const replay = await replayFinding({ store, pool, suitesDir, findingId, checkout: { commit, dirty: checkout?.dirty ?? false }, signal: cancel.signal });
        if (!flags.json) process.stdout.write(`${formatFinding(replay.finding)}\n`);
        const code = printReplay(replay.result, flags.json === true, replay.finding.id);
        if (replay.markedFlaky && !flags.json) process.stdout.write(pc.yellow(`marked ${replay.finding.id} flaky: it failed on this same code before\n`));
        return code;
      });
    }
    const report = await withStore(flags.store, (store) =>
      runFuzz({
        suitesDir,
        filter: caseFilter(pattern),
        store,
        machine: machineName(),
        trigger: { kind: 'cli', by: cliActor() },
        checkout,
        ...(flags.commit ? { commit: flags.commit } : {}),
        budgetMs: flags.budget,
        pool,
        signal: cancel.signal,
        ...(flags.quiet || flags.json ? {} : { onProgress: fuzzProgressPrinter() }),
      }),
    );
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : humanFuzzReport(report));
    if (cancel.signal.aborted) return ExitCode.Interrupted;
    return exitCode(report);
  } finally {
    await pool.close();
  }
}

function printReplay(result: ReplayResult, json: boolean, findingId?: string): ExitCode {
  if (json) process.stdout.write(`${JSON.stringify({ ...(findingId ? { findingId } : {}), ...result }, null, 2)}\n`);
  else if (result.state === 'passed') process.stdout.write(pc.green('does not reproduce: the input passes on this checkout\n'));
  else if (result.state === 'reproduced') {
    process.stdout.write(pc.red(`reproduces: ${result.message}\n`));
    if (result.failure) process.stdout.write(`counterexample: ${result.failure.counterexample}\n${ownStack(result.failure.error.stack)}\n`);
  } else throw new PerflabError(ErrorCode.PropertyBuild, `cannot replay: ${result.error.message}`);
  if (result.state === 'errored') return ExitCode.UserError;
  return result.state === 'reproduced' ? ExitCode.Regression : ExitCode.Ok;
}

/** The highest code that applies (see exit-code.ts). */
function exitCode(report: FuzzReport): ExitCode {
  if (report.suiteErrors.length > 0 || report.cases.some((c) => c.state === 'errored')) return ExitCode.UserError;
  if (report.alert) return ExitCode.Regression;
  return ExitCode.Ok;
}
