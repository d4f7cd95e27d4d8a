// `perflab demo`: the product's point in a minute or two, in a terminal. A
// throwaway repository in the store, two pushes watched the normal way, and
// the story printed as it happens: each commit measured, the confirmed
// alert, the bisection naming the slow commit, and the alert's chart as a PNG.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { ALERT_CHART_RUNS } from '../../lab/alert-charts.js';
import { Lab } from '../../lab/lab.js';
import { DEFAULT_DEMO_TIMEOUT_MS, runDemo, type DemoOutcome, type DemoStep } from '../../triggers/demo/run-demo.js';
import { Watcher } from '../../triggers/watcher.js';
import { addStoreOption, documentExitCodes, machineName, withStore } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { parsePositiveInt } from '../parse-number.js';
import { TerminalNotifier } from '../terminal-notifier.js';
import { commitJobPrinter } from '../commit-job-printer.js';

interface DemoFlags {
  timeout?: number;
  store?: string;
}

export function demoCommand(): Command {
  const command = new Command('demo')
    .description('watch a throwaway repository (made in the store) gain a slower commit: see it measured, alerted and bisected')
    .option('--timeout <seconds>', `give up after this long (default: ${DEFAULT_DEMO_TIMEOUT_MS / 1000})`, parsePositiveInt);
  addStoreOption(command);
  documentExitCodes(command, { [ExitCode.Ok]: 'the alert was raised and the bisection named the slow commit', [ExitCode.Regression]: 'the demo did not end that way (the reason is printed)' });
  return command.action(async (flags: DemoFlags) => {
    process.exitCode = await demo(flags);
  });
}

async function demo(flags: DemoFlags): Promise<ExitCode> {
  return withStore(flags.store, async (store) => {
    const labRef: { current?: Lab } = {};
    const notifier = new TerminalNotifier((id) => labRef.current?.finding(id) ?? Promise.resolve(undefined));
    const onError = (context: string, error: unknown): void => void process.stderr.write(`${pc.red('error')} ${context}: ${error instanceof Error ? error.message : String(error)}\n`);
    const lab = new Lab({ store, machine: machineName(), suitesDir: resolve('.'), notifier, onError });
    labRef.current = lab;
    const watcher = new Watcher(lab, [], { onError });
    const started = Date.now();
    // Only this command's jobs: work queued by another process stays queued for it.
    await lab.start({ resume: false });
    try {
      const outcome = await runDemo(lab, watcher, { onStep: printStep, listener: commitJobPrinter(), ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}) });
      return await conclude(lab, outcome, Date.now() - started);
    } finally {
      await lab.close();
    }
  });
}

async function conclude(lab: Lab, outcome: DemoOutcome, elapsedMs: number): Promise<ExitCode> {
  if (!outcome.ok) {
    process.stderr.write(`${pc.red('The demo did not end in an alert naming the slow commit:')} ${outcome.reason}\n`);
    if (outcome.dir) process.stderr.write(`The repository is ${outcome.dir}\n`);
    return ExitCode.Regression;
  }
  // The same chart the alert's thread gets in Slack.
  const chart = `${outcome.dir}.png`;
  await writeFile(chart, await lab.caseChart(outcome.caseId, { format: 'png', limit: ALERT_CHART_RUNS }));
  const { culprit } = outcome;
  console.log(`
${pc.bold(`The story, in ${Math.round(elapsedMs / 1000)} s:`)}
  alert       ${outcome.alert.id}: ${outcome.caseId} regressed in a push of several commits
  culprit     ${culprit.commit.slice(0, 12)} by ${culprit.author}: ${culprit.subject} (bisected in ${culprit.steps} step${culprit.steps === 1 ? '' : 's'})
  chart       ${chart}
  repository  ${outcome.dir}
In Slack (or the local workspace of \`npm start\`) the alert has buttons; here: ${pc.bold(`perflab baseline accept "${outcome.caseId}"`)} takes the slower code as the new baseline.`);
  return ExitCode.Ok;
}

function printStep(step: DemoStep): void {
  switch (step.type) {
    case 'repository':
      console.log(`${pc.bold('demo')} a throwaway repository with one benchmark (${step.caseId}): ${step.dir}`);
      return;
    case 'pushed':
      console.log(`${pc.bold('push')} ${step.commits.length === 1 ? 'one commit' : `${step.commits.length} commits at once`}:`);
      for (const c of step.commits) console.log(`  ${c.commit.slice(0, 12)} ${c.subject} (${c.author})`);
      return;
    case 'bisecting':
      console.log(`${pc.bold('bisect')} which of the pushed commits did it?`);
      return;
  }
}
