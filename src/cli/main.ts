// The `perflab` command: parse, dispatch, and turn failures into the
// documented exit codes with a message, never a bare stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { isUserError, PerflabError } from '../engine/errors.js';
import { COMMANDS } from './command-table.js';
import { ExitCode } from './exit-code.js';
import { exitOnClosedPipe } from './exit-on-closed-pipe.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The program with every command named, but only the one `argv` runs loaded:
 * a command's module brings its dependencies (the lab, vega, PostgreSQL,
 * Bolt…), and loading all of them cost seconds before any command started.
 * The others stand in with their summary, for `perflab --help` and for
 * commander's "did you mean".
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('perflab')
    .description('benchmarks on every commit, with statistics that do not cry wolf')
    .version(pkg.version)
    .showHelpAfterError('(run perflab --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(pc.red(text)) });
  const wanted = argv[0] === 'help' ? argv[1] : argv[0];
  for (const entry of COMMANDS) {
    const command = entry.name === wanted ? await entry.load() : new Command(entry.name).description(entry.summary);
    program.addCommand(command.summary(entry.summary).exitOverride());
  }
  for (const sub of program.commands.flatMap((c) => c.commands)) sub.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  exitOnClosedPipe();
  try {
    await (await buildProgram(argv)).parseAsync([...argv], { from: 'user' });
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
