// The message `/perflab demo` keeps current: what the demo made, each push
// with its commits, and how the story ended. The commits' measurements and
// the alert are messages of their own, posted the way they always are.
import type { KnownBlock } from '@slack/types';
import type { PushedCommit } from '../../triggers/demo/run-demo.js';
import type { Message } from './block-kit.js';
import { context, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { shortCommit } from './short-commit.js';
import { oneLine, truncate } from './truncate.js';

export type DemoState =
  | { state: 'preparing' }
  | { state: 'watching' }
  | { state: 'bisecting' }
  | { state: 'done'; culprit: { commit: string; author: string; subject: string }; elapsedMs: number }
  | { state: 'failed'; reason: string };

export interface DemoView {
  /** Who started it (an actor). */
  by: string;
  repo?: { dir: string; caseId: string };
  pushes: readonly (readonly PushedCommit[])[];
  progress: DemoState;
}

export function demoMessage(view: DemoView): Message {
  const intro = view.repo
    ? `:test_tube: *Demo* started by ${formatActor(view.by)}: a throwaway repository with one benchmark, ${code(truncate(view.repo.caseId, 100))}, in ${code(truncate(view.repo.dir, 200))}. I commit to it as a developer would; perflab watches it like any repository.`
    : `:test_tube: *Demo* started by ${formatActor(view.by)}: making a throwaway repository…`;
  const blocks: KnownBlock[] = [section(intro)];
  for (const [index, commits] of view.pushes.entries()) blocks.push(section(pushText(index, commits)));
  const status = statusLine(view.progress);
  blocks.push(context([status]));
  return { text: truncate(`Demo: ${status}`, 300), blocks };
}

function pushText(index: number, commits: readonly PushedCommit[]): string {
  const title = commits.length === 1 ? `*Push ${index + 1}*, measured as it lands:` : `*Push ${index + 1}*: ${commits.length} commits at once, measured at the last one:`;
  const lines = commits.map((c) => `${code(shortCommit(c.commit))} ${escapeMrkdwn(truncate(oneLine(c.subject), 100))} — ${escapeMrkdwn(truncate(c.author, 60))}`);
  return [title, ...lines].join('\n');
}

function statusLine(p: DemoState): string {
  switch (p.state) {
    case 'preparing':
      return ':hourglass_flowing_sand: Preparing the repository';
    case 'watching':
      return ':stopwatch: perflab measures each push; its results follow below';
    case 'bisecting':
      return ':mag: The last push is slower: perflab raised an alert and is bisecting the push to find which commit did it';
    case 'done':
      return `:white_check_mark: Done in ${Math.round(p.elapsedMs / 1000)} s: the bisection names ${code(shortCommit(p.culprit.commit))} by ${escapeMrkdwn(truncate(p.culprit.author, 60))}, “${escapeMrkdwn(truncate(oneLine(p.culprit.subject), 100))}” (in the alert's thread). *Accept as new baseline* on the alert takes the slower code as the new normal.`;
    case 'failed':
      return `:x: The demo did not end in an alert naming the slow commit: ${escapeMrkdwn(truncate(oneLine(p.reason), 500))}`;
  }
}
