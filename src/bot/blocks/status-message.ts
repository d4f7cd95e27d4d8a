// `/perflab status`: the jobs that are running and waiting (and, if the
// caller passes them, the ones that just ended), one line each.
import type { KnownBlock } from '@slack/types';
import type { Message } from './block-kit.js';
import { context, header, section } from './block-builders.js';
import { code, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatActor } from './format-actor.js';
import { plural } from './plural.js';
import { slackDate } from './slack-date.js';
import { oneLine, truncate } from './truncate.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface JobView {
  id: string;
  state: JobState;
  /** What it runs, e.g. `bench json/* @main`. */
  what: string;
  /** Who asked: a Slack user id, `cli:alice`, a schedule id, … */
  who: string;
  /** When it entered its state, ISO. */
  since: string;
}

export interface StatusMessageOptions {
  /** Jobs listed (at most 30); the rest are counted. Default: 30. */
  maxJobs?: number;
}

const STATE_ORDER: JobState[] = ['running', 'queued', 'interrupted', 'failed', 'cancelled', 'done'];
const STATE_EMOJI: Record<JobState, string> = {
  running: ':stopwatch:',
  queued: ':hourglass_flowing_sand:',
  interrupted: ':warning:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
  done: ':white_check_mark:',
};
/** Each line is cut at 290 characters, so 10 lines fit a section's 3000 and 30 the message budget. */
const LINE_MAX = 290;
const LINES_PER_SECTION = 10;
const MAX_JOBS = 30;

export function statusMessage(jobs: readonly JobView[], options: StatusMessageOptions = {}): Message {
  const running = jobs.filter((j) => j.state === 'running').length;
  const queued = jobs.filter((j) => j.state === 'queued').length;
  const summary = jobs.length === 0 ? 'Nothing queued or running' : `${running} running, ${queued} queued`;
  if (jobs.length === 0) {
    return { text: summary, blocks: [section(`:zzz: ${summary}. Start something with \`/perflab run all\`.`)] };
  }
  const sorted = [...jobs].sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.since.localeCompare(b.since));
  const max = Math.max(1, Math.min(options.maxJobs ?? MAX_JOBS, MAX_JOBS));
  const lines = sorted.slice(0, max).map(jobLine);
  const blocks: KnownBlock[] = [header('perflab status')];
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION) blocks.push(section(lines.slice(i, i + LINES_PER_SECTION).join('\n')));
  const hidden = sorted.length - lines.length;
  const notes = [summary];
  if (hidden > 0) notes.push(`…and ${plural(hidden, 'more job', 'more jobs')}`);
  notes.push('cancel with `/perflab cancel &lt;id&gt;`');
  blocks.push(context([notes.join(' · ')]));
  return { text: `perflab: ${summary}`, blocks };
}

/** The date goes before anything of unbounded length, so the cut at LINE_MAX never breaks its `<!date…>`. */
function jobLine(job: JobView): string {
  const what = escapeMrkdwn(truncate(oneLine(job.what), 100));
  return truncate(`${STATE_EMOJI[job.state] ?? ''} ${code(truncate(job.id, 40))} *${job.state}* since ${slackDate(job.since)} — ${formatActor(job.who)} — ${what}`, LINE_MAX);
}
