// `perflab serve` (and `npm start`): the Slack bot, and the HTTP server with
// the read-only pages. With Slack tokens in the environment it connects to
// Slack; without, it starts the local workspace on 127.0.0.1 and connects to
// that, so perflab can be tried with no account.
import { resolve } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { createBot, type Bot } from '../../bot/create-bot.js';
import { startLabApi } from '../../http/lab-api.js';
import type { ApiServer } from '../../http/http-server.js';
import { loadBotConfig, type BotConfig } from '../../bot/config.js';
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { Store } from '../../engine/store/store.js';
import { startLocalBot } from '../../bot/start-local-bot.js';
import { describeCheckout } from '../../engine/git/git.js';
import { DATABASE_URL_VARIABLE, openAnyStore } from '../../engine/store/open-any-store.js';
import { sharedQueueOf } from '../../engine/store/postgres/shared-queue-of.js';
import { addStoreOption, machineName, storeDir } from '../context.js';
import { parsePositiveInt } from '../parse-number.js';

interface ServeFlags {
  suites: string;
  store?: string;
  timeBudget?: number;
  /** `--no-agent`: false. */
  agent: boolean;
}

export function serveCommand(): Command {
  const command = new Command('serve')
    .description('run the Slack bot (the local workspace on 127.0.0.1 when no Slack tokens are set) and serve the read-only pages (PERFLAB_API_PORT, default 3100)')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt)
    .option('--no-agent', `with ${DATABASE_URL_VARIABLE}: only queue jobs for \`perflab agent\` processes, run none here`);
  addStoreOption(command);
  return command.action(async (flags: ServeFlags) => {
    const config = await loadBotConfig();
    const store = await openAnyStore(storeDir(flags.store));
    try {
      await serve(config, store, flags);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PerflabError(ErrorCode.Config, `port ${config.port} is already in use on this machine (another perflab?): set PORT to a free port`, { cause: error });
      }
      throw error;
    } finally {
      await store.close();
    }
  });
}

async function serve(config: BotConfig, store: Store, flags: ServeFlags): Promise<void> {
  const suitesDir = resolve(flags.suites);
  const machine = machineName();
  // With PostgreSQL the bot queues into the table agents take jobs from, and is one of those agents unless --no-agent.
  const queue = sharedQueueOf(store, { machine, take: flags.agent ? 'any' : 'none', role: 'serve' });
  const common = {
    store,
    machine,
    ...(queue ? { queue } : {}),
    suitesDir,
    port: config.port,
    repo: (await describeCheckout(suitesDir))?.root ?? null,
    triggers: config.triggers,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}),
  };
  let stop: () => Promise<void>;
  let bot: Bot;
  if (config.connection.mode === 'local') {
    const restricted = config.admins.users.length > 0 || config.admins.groups.length > 0;
    const local = await startLocalBot({ ...common, ...(restricted ? { admins: config.admins } : {}), workspace: { port: config.port } });
    stop = local.stop;
    bot = local.bot;
    await local.bot.app.client.chat.postMessage({
      channel: local.workspace.channel,
      text: "Hi, I'm perflab. Type `/perflab run all` below to measure the example suites, `/perflab help` for the rest. Alerts land here with buttons.",
    });
    console.log(`${pc.bold('perflab')} is running with a local workspace: open ${pc.cyan(local.workspace.url)} and type ${pc.bold('/perflab run all')}`);
  } else {
    const channel = config.channel as string;
    bot = await createBot({ ...common, connection: config.connection, channel, admins: config.admins });
    await bot.start();
    stop = bot.stop;
    console.log(`${pc.bold('perflab')} is connected to Slack (${config.connection.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${config.port}`}); alerts go to ${channel}`);
  }
  if (bot.watcher.repos.length > 0) console.log(`watching ${bot.watcher.repos.map((r) => `${r.url} (${r.branches.join(', ')})`).join('; ')}`);
  let api: ApiServer;
  try {
    api = await startLabApi(bot.lab, bot.watcher, config.api, (message) => console.error(`api: ${message}`), common.repo);
  } catch (error) {
    await stop();
    throw error;
  }
  console.log(`pages at ${pc.cyan(`${api.url}/`)}${config.api.siteToken ? ' (open one once with ?token=<PERFLAB_SITE_TOKEN>)' : ''}${config.api.webhookSecret ? '; POST /webhook' : ''}${config.api.apiToken ? '; POST /api/v1/results' : ''}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  console.log('stopping…');
  await api.close();
  await stop();
}
