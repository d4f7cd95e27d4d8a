// `perflab watch`: the commit watcher without Slack. Polls the repository,
// builds and measures each new commit in its own worktree, bisects bursts,
// and prints alerts (they are stored as the bot stores them). `--once` takes
// in what is new since the last call and exits: for cron jobs, git hooks and
// tests.
import { resolve } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { readConfigFile } from '../../engine/config/config-file.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { watchedRepoSchema, type WatchedRepo } from '../../engine/config/watch-config.js';
import { Lab } from '../../lab/lab.js';
import { Watcher } from '../../triggers/watcher.js';
import { addStoreOption, machineName, withStore } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { TerminalNotifier } from '../terminal-notifier.js';
import { commitJobPrinter } from '../commit-job-printer.js';

interface WatchFlags {
  repo?: string;
  branch: string[];
  suites?: string;
  install?: string;
  maxBatch?: number;
  interval?: number;
  once?: boolean;
  timeBudget?: number;
  canary: boolean;
  store?: string;
}

export function watchCommand(): Command {
  const command = new Command('watch')
    .description('measure every new commit of a repository (without Slack: alerts print here and go to the store)')
    .option('--repo <path-or-url>', 'repository to watch (default: the `watch` section of perflab.config.json)')
    .option('--branch <name>', 'branch to watch; repeat for several (default: main)', (value: string, all: string[]) => [...all, value], [])
    .option('--suites <dir>', 'suites directory inside the repository (default: suites)')
    .option('--install <command>', 'run in each checkout before measuring, e.g. "npm ci"')
    .option('--max-batch <n>', 'measure at most this many new commits as one batch; a regression in a batch is bisected (default: 5)', parsePositiveInt)
    .option('--interval <seconds>', 'poll this often (default: 60)', parsePositiveInt)
    .option('--once', 'take in the commits that are new since the last call, then exit')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt)
    .option('--no-canary', 'skip the canary');
  addStoreOption(command);
  return command.action(async (flags: WatchFlags) => {
    process.exitCode = await watch(flags);
  });
}

async function watch(flags: WatchFlags): Promise<ExitCode> {
  const repos = await reposToWatch(flags);
  return withStore(flags.store, async (store) => {
    // The notifier names an alert's findings through the lab it posts for.
    const labRef: { current?: Lab } = {};
    const notifier = new TerminalNotifier((id) => labRef.current?.finding(id) ?? Promise.resolve(undefined));
    const lab = new Lab({
      store,
      machine: machineName(),
      suitesDir: resolve('.'),
      notifier,
      canary: flags.canary,
      ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}),
      onError: (context, error) => process.stderr.write(`${pc.red('error')} ${context}: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    labRef.current = lab;
    const watcher = new Watcher(lab, repos, { listener: commitJobPrinter(), onError: (context, error) => process.stderr.write(`${pc.red('error')} ${context}: ${error instanceof Error ? error.message : String(error)}\n`) });
    const stopped = new AbortController();
    process.once('SIGINT', () => stopped.abort());
    await lab.start();
    try {
      if (flags.once) {
        const jobs = await watcher.pollAll().catch((error: unknown) => {
          throw new PerflabError(ErrorCode.Config, `cannot fetch the repository: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
        if (jobs.length === 0) console.log('no new commits');
        await lab.idle();
      } else {
        console.log(`watching ${watcher.repos.map((r) => `${r.url} (${r.branches.join(', ')}) every ${r.pollSeconds} s`).join('; ')} — Ctrl-C to stop`);
        watcher.start();
        await new Promise<void>((done) => stopped.signal.addEventListener('abort', () => done(), { once: true }));
        watcher.stop();
      }
    } finally {
      await lab.close();
    }
    if (stopped.signal.aborted) return ExitCode.Interrupted;
    return notifier.posted.some((a) => a.kind === 'regression' || a.kind === 'build-failed') ? ExitCode.Regression : ExitCode.Ok;
  });
}

async function reposToWatch(flags: WatchFlags): Promise<WatchedRepo[]> {
  if (!flags.repo) {
    const configured = (await readConfigFile()).watch?.repos ?? [];
    if (configured.length === 0) throw new PerflabError(ErrorCode.Config, 'nothing to watch: pass --repo PATH_OR_URL or add a "watch" section to perflab.config.json');
    return configured;
  }
  const parsed = watchedRepoSchema.safeParse({
    url: flags.repo,
    ...(flags.branch.length > 0 ? { branches: flags.branch } : {}),
    ...(flags.suites ? { suites: flags.suites } : {}),
    ...(flags.install ? { install: flags.install } : {}),
    ...(flags.maxBatch ? { maxBatch: flags.maxBatch } : {}),
    ...(flags.interval ? { pollSeconds: flags.interval } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PerflabError(ErrorCode.Config, `--${String(issue?.path[0] ?? 'repo')}: ${issue?.message ?? 'invalid'}`);
  }
  return [parsed.data];
}
