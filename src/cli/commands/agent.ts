// `perflab agent`: a measuring machine of a team's lab. With PERFLAB_DATABASE_URL
// it takes jobs from the queue shared by every perflab process on that
// database (the bot's, other agents', CI pushes) and runs them through the
// same job kinds as the bot; it stores results and alerts, and the bot posts
// the alerts. Without a database there is nothing to share: it says so.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import { DATABASE_URL_VARIABLE } from '../../engine/store/open-any-store.js';
import type { Store } from '../../engine/store/store.js';
import { sharedQueueOf } from '../../engine/store/postgres/shared-queue-of.js';
import { Lab } from '../../lab/lab.js';
import { addStoreOption, documentExitCodes, machineName, withStore } from '../context.js';
import { parsePositiveInt } from '../parse-number.js';

interface AgentFlags {
  suites: string;
  store?: string;
  timeBudget?: number;
  lease: number;
  poll: number;
}

export function agentCommand(): Command {
  const command = new Command('agent')
    .description(`take jobs from the queue shared through ${DATABASE_URL_VARIABLE} and run them on this machine (PERFLAB_MACHINE or the host name)`)
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt)
    .option('--lease <ms>', 'how long a job stays this agent\'s without renewal; a killed agent\'s job is queued again after it', parsePositiveInt, 30_000)
    .option('--poll <ms>', 'how often to look for expired leases (new jobs are announced at once)', parsePositiveInt, 1_000);
  addStoreOption(command);
  documentExitCodes(command, {});
  return command.action(async (flags: AgentFlags) => {
    const url = process.env[DATABASE_URL_VARIABLE];
    if (url === undefined || url.trim() === '') {
      throw new PerflabError(ErrorCode.Config, `${DATABASE_URL_VARIABLE} is not set: an agent takes jobs from the queue in a shared PostgreSQL database (postgres://user:password@host:port/database)`);
    }
    await withStore(flags.store, (store) => runAgent(store, flags));
  });
}

async function runAgent(store: Store, flags: AgentFlags): Promise<void> {
  const machine = machineName();
  const queue = sharedQueueOf(store, { machine, take: 'any', role: 'agent', leaseMs: flags.lease, pollMs: flags.poll });
  if (!queue) throw new PerflabError(ErrorCode.Config, `${DATABASE_URL_VARIABLE} did not open a PostgreSQL store`);
  const lab = new Lab({
    store,
    machine,
    suitesDir: resolve(flags.suites),
    queue,
    ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}),
  });
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await lab.start();
  console.log(`perflab agent on ${machine}: taking jobs from ${'where' in store ? String(store.where) : DATABASE_URL_VARIABLE}`);
  await stopped;
  // Running jobs end interrupted and are queued again for another agent.
  await lab.close();
}
