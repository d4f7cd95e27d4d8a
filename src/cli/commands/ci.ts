// `perflab ci`: inside an existing CI job (GitHub Actions, Buildbot,
// Jenkins), measure the checked-out commit against a base interleaved, write
// a report, and turn the build red on a confirmed regression (yellow with
// --warn-only), or yellow when a case could not be settled. The comparison is
// a job of the lab, stored as a run with its alerts. With --push, the results
// also go to a perflab server, which stores them and raises the alerts (many
// CI machines, one lab).
//
// Exit codes with --push: the comparison's own code wins when it is not 0
// (a regression stays 1, or 4 with --warn-only; a broken suite stays 2), so a
// push failure never hides a verdict — it is printed, though. On a clean
// comparison, a refused token exits 2 and any other push failure exits 3.
import { randomUUID } from 'node:crypto';
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { pushResults, resultsEndpoint } from '../push/push-results.js';
import { RESULTS_SCHEMA_VERSION, type ResultsPayload } from '../../lab/jobs/results-payload.js';
import { ciRunInfo, repositoryUrl } from '../push/results-origin.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { describeCheckout } from '../../engine/git/git.js';
import type { Trigger } from '../../engine/model.js';
import { compareMarkdown } from '../../engine/report/compare-markdown.js';
import { pageLine } from '../page-link.js';
import { addOutputOptions, cliActor, documentExitCodes, machineName, withLab, writeOutput, type OutputFlags } from '../context.js';
import { ciVerdict } from '../ci-verdict.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { runJob } from '../run-job.js';

interface CiFlags extends OutputFlags {
  base?: string;
  suites: string;
  filter?: string;
  report?: string;
  warnOnly?: boolean;
  timeBudget?: number;
  push?: string;
  token?: string;
}

export function ciCommand(): Command {
  const command = new Command('ci')
    .description('compare the checked-out commit with a base inside a CI job; exit 1 on a confirmed regression')
    .option('--base <ref>', 'what to compare with (default: origin/$GITHUB_BASE_REF on a pull request, else HEAD~1)')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--filter <pattern>', 'only cases whose id matches')
    .option('--report <file>', 'write a Markdown report here (also appended to $GITHUB_STEP_SUMMARY when set)')
    .option('--warn-only', `a regression exits ${ExitCode.Warning} (a warning) instead of ${ExitCode.Regression}`)
    .option('--time-budget <ms>', 'time budget per case run (overrides suites)', parsePositiveInt)
    .option('--push <url>', 'also send the results to the perflab server at this URL, which stores them and raises the alerts')
    .option('--token <token>', 'API token for --push (better: $PERFLAB_TOKEN, which stays out of process lists and logs)');
  addOutputOptions(command);
  documentExitCodes(command, {
    [ExitCode.Regression]: 'a confirmed regression: the build is red',
    [ExitCode.InternalError]: 'perflab itself failed, or --push failed for another reason than a refused token',
    [ExitCode.Warning]: 'a confirmed regression under --warn-only',
    [ExitCode.Unsettled]: 'no confirmed regression, but a case that looked different could not be settled (unstable): the build is yellow',
    [ExitCode.Interrupted]: 'stopped with Ctrl-C',
  });
  return command.action(async (flags: CiFlags) => {
    process.exitCode = await ci(flags);
  });
}

async function ci(flags: CiFlags): Promise<ExitCode> {
  // Check the push settings before measuring for minutes.
  const token = flags.token ?? process.env.PERFLAB_TOKEN;
  if (flags.push !== undefined) {
    resultsEndpoint(flags.push);
    if (!token) throw new PerflabError(ErrorCode.Config, '--push needs an API token: set PERFLAB_TOKEN (or pass --token)');
  }
  const suitesDir = resolve(flags.suites);
  const checkout = await describeCheckout(suitesDir);
  if (!checkout) throw new PerflabError(ErrorCode.Config, `${suitesDir} is not in a git checkout: perflab ci compares commits`);
  const base = flags.base ?? (process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : 'HEAD~1');
  const origin = ciRunInfo();
  const repository = await repositoryUrl(checkout.root);
  // Who asked: the CI (`ci:github-actions`), or a person trying it by hand.
  const trigger: Trigger = origin ? { kind: 'ci', by: `ci:${origin.provider}` } : { kind: 'cli', by: cliActor() };
  const request = { base, ...(flags.filter ? { pattern: flags.filter } : {}), ...(repository ? { repository } : {}), ...(origin ? { ci: origin } : {}) };
  const { end, interrupted } = await withLab({ store: flags.store, suites: suitesDir, ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}) }, (lab) =>
    runJob(lab, 'ci', request, trigger, {
      finished: 'ci-finished',
      onSigint: 'stopping the comparison',
      onEvent: (event) => {
        if (!flags.quiet && event.type === 'compare-progress' && event.done === event.target && event.side === 'candidate') process.stderr.write(`${event.caseId}: ${event.done} runs per side\n`);
      },
    }),
  );
  if (end.type === 'cancelled' || interrupted) return ExitCode.Interrupted;
  const { report } = end;
  const runPage = pageLine({ page: 'run', runId: end.recorded.run.id }, 'Run page');
  const markdown = compareMarkdown({ ...report, refA: base, refB: 'HEAD' }) + (runPage ? `\n${runPage}` : '');
  await writeOutput(flags, { base, runId: end.recorded.run.id, ...report }, () => markdown);
  if (flags.report) await writeFile(flags.report, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown);

  const verdict = ciVerdict(report, flags.warnOnly === true);
  if (flags.push === undefined || !token) return verdict;
  const pushed = await push(flags.push, token, {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    pushId: randomUUID(),
    base,
    machine: machineName(),
    ...(repository ? { repository } : {}),
    ...(origin ? { ci: origin } : {}),
    ...report,
  });
  return verdict !== ExitCode.Ok ? verdict : pushed;
}

/** Sends the results; a failure is printed and becomes an exit code, never an exception that hides the verdict. */
async function push(url: string, token: string, payload: ResultsPayload): Promise<ExitCode> {
  try {
    const pushed = await pushResults({ url, token, payload });
    const alerts = pushed.alerts.length === 0 ? 'no alerts' : `${pushed.alerts.length} alert(s)`;
    process.stderr.write(`pushed to ${resultsEndpoint(url).origin}: run ${pushed.runId}, ${alerts}\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof PerflabError)) throw error;
    process.stderr.write(`error: push failed: ${error.message}\n`);
    return error.code === ErrorCode.PushRefused ? ExitCode.UserError : ExitCode.InternalError;
  }
}
