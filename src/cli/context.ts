// What every CLI command needs: where the store is, which machine this is,
// who is acting, a lab to submit work to, and one way to print results
// (`--json [FILE]`, `--quiet`) and to document exit codes. Defaults in one place.
import { writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { openAnyStore } from '../engine/store/open-any-store.js';
import { sharedQueueOf } from '../engine/store/postgres/shared-queue-of.js';
import type { Store } from '../engine/store/store.js';
import type { Trigger } from '../engine/model.js';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { Lab } from '../lab/lab.js';
import { ExitCode } from './exit-code.js';

export const DEFAULT_STORE = '.perflab';

export function addStoreOption(command: Command): Command {
  return command.option('--store <dir>', `store directory (default: $PERFLAB_STORE or ${DEFAULT_STORE})`);
}

/** The options of every command that prints results: `--json [FILE]`, `--store DIR`, `--quiet`. */
export function addOutputOptions(command: Command): Command {
  addStoreOption(command);
  return command
    .addOption(new Option('--json [file]', 'write the results as JSON to FILE (and still print the table), or to stdout instead of the table'))
    .option('-q, --quiet', 'no progress on stderr');
}

export interface OutputFlags {
  json?: string | true;
  quiet?: boolean;
  store?: string;
}

/** Prints `human()` or JSON as `--json` asks: alone, JSON on stdout; with a file, JSON there and the table on stdout. */
export async function writeOutput(flags: OutputFlags, json: unknown, human: () => string): Promise<void> {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (flags.json === true) return void process.stdout.write(text);
  if (typeof flags.json === 'string') await writeFile(flags.json, text);
  process.stdout.write(human());
}

/**
 * Adds an "Exit codes" section to a command's help. `codes` lists what the
 * command's own codes mean; 2 (bad input) and 3 (perflab failed) are always there.
 */
export function documentExitCodes(command: Command, codes: Partial<Record<ExitCode, string>>): Command {
  const meanings: Partial<Record<ExitCode, string>> = {
    [ExitCode.Ok]: 'nothing wrong',
    [ExitCode.UserError]: 'a bad argument or configuration, a suite that does not load, a case that errored',
    [ExitCode.InternalError]: 'perflab itself failed',
    ...codes,
  };
  const lines = Object.entries(meanings)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, meaning]) => `  ${code.padEnd(4)}${meaning}`);
  return command.addHelpText('after', `\nExit codes (when several apply, the highest):\n${lines.join('\n')}\n`);
}

export function storeDir(option: string | undefined): string {
  return resolve(option ?? process.env.PERFLAB_STORE ?? DEFAULT_STORE);
}

/** Baselines are per machine: `PERFLAB_MACHINE`, or the host name. */
export function machineName(): string {
  return process.env.PERFLAB_MACHINE || hostname();
}

export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return `cli:${name}`;
}

/** Who asked, for the audit log: `cli:<user>`. */
export function cliTrigger(): Trigger {
  return { kind: 'cli', by: cliActor() };
}

/** Opens the store, runs `fn`, and always releases the store's lock. */
export async function withStore<T>(option: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openAnyStore(storeDir(option));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export interface CliLabOptions {
  store?: string | undefined;
  /** The suites directory (relative to the working directory). Default `suites`. */
  suites?: string | undefined;
  overrides?: BenchOptions;
  canary?: boolean;
}

/**
 * A lab on the store for one command: work goes through its queue and audit
 * like work from Slack. It takes only this command's jobs (work another
 * process queued stays queued for `perflab serve`), and alerts stay pending
 * in the store for the bot to post.
 */
export async function withLab<T>(options: CliLabOptions, fn: (lab: Lab) => Promise<T>): Promise<T> {
  // Loaded here: the lab brings every job kind's modules, which commands that only read the store do without.
  const { Lab } = await import('../lab/lab.js');
  return withStore(options.store, async (store) => {
    const machine = machineName();
    // With PostgreSQL the command's jobs go through the shared queue, held by this process so that it runs them itself.
    const queue = sharedQueueOf(store, { machine, take: 'own', role: 'cli' });
    const lab = new Lab({
      store,
      machine,
      ...(queue ? { queue } : {}),
      suitesDir: resolve(options.suites ?? 'suites'),
      ...(options.overrides ? { overrides: options.overrides } : {}),
      ...(options.canary !== undefined ? { canary: options.canary } : {}),
    });
    await lab.start({ resume: false });
    try {
      return await fn(lab);
    } finally {
      await lab.close();
    }
  });
}
