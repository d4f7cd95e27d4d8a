// `perflab serve` (and `npm start`): the Slack bot. With Slack tokens in the
// environment it connects to Slack; without, it starts the local workspace
// on 127.0.0.1 and connects to that, so perflab can be tried with no account.
import { resolve } from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { createBot, type BotConnection } from '../../bot/create-bot.js';
import { loadBotConfig } from '../../bot/config.js';
import { LocalWorkspace } from '../../bot/local-workspace/index.js';
import { describeCheckout } from '../../engine/git/git.js';
import { openStore } from '../../engine/store/open-store.js';
import { addStoreOption, machineName, storeDir } from '../context.js';
import { parsePositiveInt } from '../parse-number.js';

interface ServeFlags {
  suites: string;
  store?: string;
  timeBudget?: number;
}

export function serveCommand(): Command {
  const command = new Command('serve')
    .description('run the Slack bot (the local workspace on 127.0.0.1 when no Slack tokens are set)')
    .option('--suites <dir>', 'directory of suite files', 'suites')
    .option('--time-budget <ms>', 'measure each case for this long (overrides suites)', parsePositiveInt);
  addStoreOption(command);
  return command.action(async (flags: ServeFlags) => {
    const config = await loadBotConfig();
    const store = await openStore(storeDir(flags.store));
    let workspace: LocalWorkspace | undefined;
    try {
      let connection: BotConnection;
      let channel: string;
      let admins = config.admins;
      if (config.connection.mode === 'local') {
        workspace = await LocalWorkspace.start({ port: config.port });
        connection = { mode: 'socket', botToken: workspace.botToken, appToken: workspace.appToken, apiUrl: workspace.apiUrl };
        channel = workspace.channel;
        // The local workspace's maintainers group (alice) may accept; bob may not, to show authorization.
        if (admins.users.length === 0 && admins.groups.length === 0) admins = { users: [], groups: ['S0MAINTAINERS'] };
      } else {
        connection = config.connection;
        channel = config.channel as string;
      }
      const suitesDir = resolve(flags.suites);
      const bot = await createBot({
        connection,
        channel,
        admins,
        port: config.port,
        store,
        machine: machineName(),
        suitesDir,
        repo: (await describeCheckout(suitesDir))?.root ?? null,
        ...(flags.timeBudget ? { overrides: { timeBudgetMs: flags.timeBudget } } : {}),
      });
      await bot.start();
      if (workspace) {
        await bot.app.client.chat.postMessage({
          channel,
          text: "Hi, I'm perflab. Type `/perflab run all` below to measure the example suites, `/perflab help` for the rest. Alerts land here with buttons.",
        });
        console.log(`${pc.bold('perflab')} is running with a local workspace: open ${pc.cyan(workspace.url)} and type ${pc.bold('/perflab run all')}`);
      } else {
        console.log(`${pc.bold('perflab')} is connected to Slack (${connection.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${config.port}`}); alerts go to ${channel}`);
      }
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      console.log('stopping…');
      await bot.stop();
    } finally {
      await workspace?.stop();
      await store.close();
    }
  });
}
