// What every listener needs, built once by createBot.
import type { Lab } from '../lab/lab.js';
import type { Scheduler } from '../triggers/scheduler.js';
import type { Watcher } from '../triggers/watcher.js';
import type { Authorizer } from './authorize.js';
import type { ButtonKey } from './button-key.js';

export interface BotContext {
  lab: Lab;
  scheduler: Scheduler;
  /** Watches repositories for new commits (the demo points it at its own). */
  watcher: Watcher;
  authorizer: Authorizer;
  key: ButtonKey;
  /** The alerts channel. */
  channel: string;
  log: (message: string, error?: unknown) => void;
  /** Where the site's pages are (`PERFLAB_PUBLIC_URL`); answers link to theirs. */
  publicUrl?: string;
  /** Registers a Slack call still under way, so stopping the bot waits for it. */
  track: (work: Promise<unknown>) => void;
}

/** How a Slack user appears as an actor in the store and audit log. */
export const slackActor = (userId: string): string => `slack:${userId}`;
