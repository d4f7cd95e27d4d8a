// Every kind of work the lab does, in one table (DESIGN §2, "one path for all
// work"). Slack, the CLI, schedules, the watcher, webhooks and pushed CI
// results all submit one of these; none calls a mode directly.
import type { z } from 'zod';
import { bisectJob } from './bisect.js';
import { ciJob } from './ci.js';
import { ciResultsJob } from './ci-results.js';
import { commitJob } from './commit.js';
import { compareJob } from './compare.js';
import { digestJob } from './digest.js';
import { fuzzJob } from './fuzz.js';
import { replayJob } from './replay.js';
import { runJob } from './run.js';
import { stressJob } from './stress.js';

export const JOB_KINDS = {
  run: runJob,
  compare: compareJob,
  stress: stressJob,
  fuzz: fuzzJob,
  replay: replayJob,
  ci: ciJob,
  'ci-results': ciResultsJob,
  commit: commitJob,
  bisect: bisectJob,
  digest: digestJob,
} as const;

export type JobKindName = keyof typeof JOB_KINDS;

/** What a kind's request looks like when submitted (defaults not yet applied). */
export type JobRequest<K extends JobKindName> = z.input<(typeof JOB_KINDS)[K]['request']>;

export function isJobKindName(kind: string): kind is JobKindName {
  return Object.hasOwn(JOB_KINDS, kind);
}
