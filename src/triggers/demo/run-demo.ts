// `perflab demo` and `/perflab demo`: a story that ends in an alert. The demo
// only plays the developer: it makes a throwaway repository in the store,
// commits to it, and has the watcher take the commits in — the lab then does
// what it does for any watched repository (commit jobs, screening,
// confirmation, the alert through the outbox, the bisection in its thread).
//
// Pushes one at a time: the first commit (its results become the baseline),
// two ordinary commits (measured, quiet), then four commits at once, measured
// as one batch at their tip. The batch is what makes the story: the alert
// says "this push is slower", and the bisection that follows names the one
// commit of the four that did it.
import { watchedRepoSchema, type WatchedRepo } from '../../engine/config/watch-config.js';
import type { Alert, Culprit } from '../../engine/model.js';
import { FINAL_EVENTS, type JobEvent, type JobListener, type Lab } from '../../lab/lab.js';
import type { Watcher } from '../watcher.js';
import { createDemoRepo } from './demo-repo.js';
import { demoCaseId, demoStory, type DemoCommit } from './demo-story.js';

export interface DemoOptions {
  /** Told each step the demo takes (the repository made, each push); the demo waits for a returned promise (so a listener can be ready before the push is polled). */
  onStep?: (step: DemoStep) => void | Promise<void>;
  /** Hears the commit jobs the watcher queues for the demo, from the moment each is queued. */
  listener?: JobListener;
  /** Give up waiting after this long, ms (jobs already queued are not cancelled). Default 5 minutes. */
  timeoutMs?: number;
}

export interface PushedCommit {
  commit: string;
  subject: string;
  author: string;
  slow: boolean;
}

export type DemoStep =
  | { type: 'repository'; dir: string; caseId: string }
  | { type: 'pushed'; commits: PushedCommit[] }
  | { type: 'bisecting'; alert: Alert };

export type DemoOutcome =
  | { ok: true; dir: string; caseId: string; alert: Alert; culprit: Culprit; slow: PushedCommit }
  | { ok: false; reason: string; dir?: string; caseId?: string; alert?: Alert };

export const DEFAULT_DEMO_TIMEOUT_MS = 5 * 60_000;

export async function runDemo(lab: Lab, watcher: Watcher, options: DemoOptions = {}): Promise<DemoOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DEMO_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const context: { dir?: string; caseId?: string; alert?: Alert } = {};
  const timedOut = new Promise<DemoOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, ...context, reason: `no alert within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    // A bot stopped during a demo must not wait for it; the demo's jobs keep the process alive while they run.
    timer.unref();
  });
  try {
    return await Promise.race([tellStory(lab, watcher, options, context), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function tellStory(lab: Lab, watcher: Watcher, options: DemoOptions, context: { dir?: string; caseId?: string; alert?: Alert }): Promise<DemoOutcome> {
  const repo = await createDemoRepo(lab.dataDir);
  const story = demoStory(repo.name);
  const caseId = demoCaseId(repo.name);
  Object.assign(context, { dir: repo.dir, caseId });
  const fail = (reason: string): DemoOutcome => ({ ok: false, ...context, reason });
  await options.onStep?.({ type: 'repository', dir: repo.dir, caseId });

  // No canary: it guards a long history against a machine that changed under it, and on a busy
  // machine it holds back every alert; the demo's alert is confirmed interleaved, which drift cannot fake.
  const watched: WatchedRepo = watchedRepoSchema.parse({ url: repo.dir, buildTimeoutSeconds: 60, canary: false });
  const jobs = jobWaiter(options.listener);
  /** Commits, then has the watcher take the commits in (as a push webhook would); resolves with the job's last event. */
  const push = async (commits: DemoCommit[]): Promise<{ event: JobEvent; pushed: PushedCommit[] }> => {
    const pushed: PushedCommit[] = [];
    for (const commit of commits) pushed.push({ commit: await repo.commit(commit), subject: commit.subject, author: commit.author.replace(/\s*<.*>$/, ''), slow: commit.slow === true });
    await options.onStep?.({ type: 'pushed', commits: pushed });
    const [job, ...more] = await watcher.poll(watched, jobs.listener);
    if (!job || more.length > 0) throw new Error(`the watcher queued ${more.length + (job ? 1 : 0)} jobs for one push of ${commits.length} commits`);
    return { event: await jobs.final(job.id), pushed };
  };

  const pushes = story.slice(0, -1);
  for (const [index, commits] of pushes.entries()) {
    const { event } = await push(commits);
    const what = index === 0 ? 'the first commit' : `push ${index + 1}`;
    if (event.type !== 'run-finished') return fail(`${what} was not measured: ${whyNot(event)}`);
    const entry = event.report.entries.find((e) => e.caseId === caseId);
    if (entry?.result.state !== 'ok') return fail(`${what} was not measured: ${entry?.comparison.reason ?? `no case ${caseId}`}`);
  }

  const { event: batch, pushed } = await push(story.at(-1) ?? []);
  if (batch.type !== 'run-finished') return fail(`the last push was not measured: ${whyNot(batch)}`);
  const alert = batch.report.alerts.find((a) => a.kind === 'regression' && a.caseIds.includes(caseId));
  if (!alert) {
    const comparison = batch.report.entries.find((e) => e.caseId === caseId)?.comparison;
    return fail(`the last push was measured but raised no alert (${comparison ? `${comparison.verdict}: ${comparison.reason}` : 'no result'})${batch.report.run.environment === 'suspect' ? '; the canary moved, so the machine was too busy to judge' : ''}`);
  }
  context.alert = alert;
  await options.onStep?.({ type: 'bisecting', alert });

  // The commit job queued the bisection before it finished; when the lab is idle, the bisection has reported.
  await lab.idle();
  const bisected = (await lab.alert(alert.id)) ?? alert;
  context.alert = bisected;
  const slowCommit = pushed.find((c) => c.slow) as PushedCommit;
  if (!bisected.culprit) return fail('the bisection could not name one commit (its reason is in the alert’s thread)');
  if (bisected.culprit.commit !== slowCommit.commit) return fail(`the bisection named ${bisected.culprit.commit.slice(0, 12)} (“${bisected.culprit.subject}”), not the slow commit ${slowCommit.commit.slice(0, 12)}: the machine was too noisy to tell`);
  return { ok: true, dir: repo.dir, caseId, alert: bisected, culprit: bisected.culprit, slow: slowCommit };
}

function whyNot(event: JobEvent): string {
  switch (event.type) {
    case 'failed':
      return event.error;
    case 'build-failed':
      return event.message;
    case 'cancelled':
      return `cancelled${event.by ? ` by ${event.by}` : ''}`;
    default:
      return event.type;
  }
}

/** A listener that remembers each job's last event, and a way to wait for it (the event may come first). */
function jobWaiter(forward: JobListener | undefined): { listener: JobListener; final(jobId: string): Promise<JobEvent> } {
  const finals = new Map<string, JobEvent>();
  const waiting = new Map<string, (event: JobEvent) => void>();
  return {
    listener(event) {
      forward?.(event);
      if (!FINAL_EVENTS.has(event.type)) return;
      const waiter = waiting.get(event.job.id);
      if (waiter) waiter(event);
      else finals.set(event.job.id, event);
    },
    final(jobId) {
      const done = finals.get(jobId);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiting.set(jobId, resolve));
    },
  };
}
