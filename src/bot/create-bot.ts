// Builds the Slack bot: a Bolt app for the configured connection (Socket
// Mode, HTTP, or the local workspace — which is Socket Mode on 127.0.0.1),
// the lab behind it with a Slack notifier for its outbox, and the listeners.
import { App, LogLevel, type AppOptions } from '@slack/bolt';
import type { BenchOptions } from '../engine/suite/define-suite.js';
import type { Store } from '../engine/store/store.js';
import { Lab } from '../lab/lab.js';
import { Scheduler } from '../triggers/scheduler.js';
import { Watcher } from '../triggers/watcher.js';
import type { ScheduleConfig } from '../engine/config/schedule-config.js';
import type { WatchedRepo } from '../engine/config/watch-config.js';
import { Authorizer } from './authorize.js';
import type { BotContext } from './bot-context.js';
import { loadButtonKey } from './button-key.js';
import type { BotConfig } from './config.js';
import { registerAlertButtons } from './listeners/alert-buttons.js';
import { registerInvestigateView } from './listeners/investigate-view.js';
import { registerSlashCommand } from './listeners/slash-command.js';
import { SlackNotifier } from './slack-notifier.js';
import type { LabQueue } from '../engine/queue/lab-queue.js';

/** A connection Bolt can open: the local workspace is Socket Mode with its own API URL. */
export type BotConnection = Exclude<BotConfig['connection'], { mode: 'local' }>;

export interface BotOptions {
  connection: BotConnection;
  channel: string;
  admins: BotConfig['admins'];
  /** HTTP mode listens here. */
  port?: number;
  store: Store;
  machine: string;
  suitesDir: string;
  /** The repository the suites come from, for commit authors (null outside git). */
  repo: string | null;
  overrides?: BenchOptions;
  logLevel?: LogLevel;
  /** Client options for tests (e.g. no retries). */
  clientOptions?: AppOptions['clientOptions'];
  /** Schedules and watched repositories from perflab.config.json. */
  triggers?: BotTriggers;
  /** Run the canary with benchmark runs (default true). */
  canary?: boolean;
  /** Where the site's pages are (`PERFLAB_PUBLIC_URL`); alerts link to theirs. */
  publicUrl?: string;
  /** Where jobs wait: a queue shared with `perflab agent` processes (PostgreSQL). Default: the lab's own. */
  queue?: LabQueue;
}

export interface BotTriggers {
  schedules?: readonly ScheduleConfig[];
  timezone?: string;
  watch?: readonly WatchedRepo[];
}

export interface Bot {
  app: App;
  lab: Lab;
  scheduler: Scheduler;
  watcher: Watcher;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createBot(options: BotOptions): Promise<Bot> {
  const { connection } = options;
  // An explicit retryConfig: Bolt's Socket Mode client otherwise writes its own
  // (100 retries) into this object. Long outages are the outbox's to ride out.
  const clientOptions = { retryConfig: { retries: 3, factor: 2 }, ...options.clientOptions, ...(connection.apiUrl ? { slackApiUrl: connection.apiUrl } : {}) };
  const logLevel = options.logLevel ?? LogLevel.WARN;
  const app =
    connection.mode === 'socket'
      ? new App({ token: connection.botToken, appToken: connection.appToken, socketMode: true, clientOptions, logLevel })
      : new App({ token: connection.botToken, signingSecret: connection.signingSecret, clientOptions, logLevel, ...(options.port !== undefined ? { port: options.port } : {}) });

  const key = await loadButtonKey(options.store.dir);
  // The notifier reads alerts through the lab, and the lab posts through the notifier.
  const labRef: { current?: Lab } = {};
  const notifier = new SlackNotifier(app.client, () => labRef.current as Lab, options.channel, key, options.repo, options.publicUrl);
  const log = (message: string, error?: unknown) => app.logger.error(message, error instanceof Error ? error.message : (error ?? ''));
  const lab = new Lab({
    store: options.store,
    machine: options.machine,
    suitesDir: options.suitesDir,
    notifier,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.canary !== undefined ? { canary: options.canary } : {}),
    ...(options.queue ? { queue: options.queue } : {}),
    onError: (context, error) => log(context, error),
  });
  const triggers = options.triggers ?? {};
  const scheduler = new Scheduler(lab, { ...(triggers.timezone ? { timezone: triggers.timezone } : {}), configured: triggers.schedules ?? [], onError: log });
  const watcher = new Watcher(lab, triggers.watch ?? [], { onError: log });
  labRef.current = lab;
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>): void => {
    inFlight.add(work);
    const done = (): void => void inFlight.delete(work);
    work.then(done, done);
  };
  const ctx: BotContext = { lab, scheduler, watcher, authorizer: new Authorizer(options.admins, app.client), key, channel: options.channel, log, track, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) };
  registerSlashCommand(app, ctx);
  registerAlertButtons(app, ctx);
  registerInvestigateView(app, ctx);
  app.error(async (error) => log('unhandled error in a listener', error));

  return {
    app,
    lab,
    scheduler,
    watcher,
    async start() {
      await app.start(options.port ?? 3000);
      await lab.start(); // jobs queued and alerts not yet posted before a restart
      await scheduler.start();
      watcher.start();
    },
    async stop() {
      watcher.stop();
      await scheduler.stop();
      await lab.close();
      await Promise.allSettled([...inFlight]); // last progress edits and thread posts
      await app.stop();
    },
  };
}
