// The `perflab` command: parse, dispatch, and turn failures into the
// documented exit codes with a message, never a bare stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { isUserError, PerflabError } from '../engine/errors.js';
import { agentCommand } from './commands/agent.js';
import { auditCommand } from './commands/audit.js';
import { baselineCommand } from './commands/baseline.js';
import { ciCommand } from './commands/ci.js';
import { compareCommand } from './commands/compare.js';
import { demoCommand } from './commands/demo.js';
import { digestCommand } from './commands/digest.js';
import { findingsCommand } from './commands/findings.js';
import { fuzzCommand } from './commands/fuzz.js';
import { historyCommand } from './commands/history.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { watchCommand } from './commands/watch.js';
import { storeCommand } from './commands/store.js';
import { stressCommand } from './commands/stress.js';
import { ExitCode } from './exit-code.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('perflab')
    .description('benchmarks on every commit, with statistics that do not cry wolf')
    .version(pkg.version)
    .showHelpAfterError('(run perflab --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(pc.red(text)) });
  for (const command of [runCommand(), stressCommand(), fuzzCommand(), findingsCommand(), baselineCommand(), historyCommand(), reportCommand(), digestCommand(), compareCommand(), ciCommand(), watchCommand(), serveCommand(), agentCommand(), demoCommand(), auditCommand(), storeCommand()]) {
    program.addCommand(command.exitOverride());
  }
  for (const sub of program.commands.flatMap((c) => c.commands)) sub.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "with an error" whose exit code is 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UserError;
    }
    if (isUserError(error)) {
      process.stderr.write(`${pc.red('error:')} ${error.message}\n`);
      return ExitCode.UserError;
    }
    const message = error instanceof PerflabError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${pc.red('perflab failed:')} ${message}\n`);
    return ExitCode.InternalError;
  }
}
