// state.json: the small, hand-readable part of the store: what perflab needs
// at hand from the moment it opens. Everything in it is loaded at open and
// indexed. What only grows with age (closed alerts, replaced baselines) lives
// in append-only archives beside it (alert-archive.ts, baseline-archive.ts).
import { z } from 'zod';
import type { Alert, Baseline, Finding, Job, Schedule, WatchCursor } from '../model.js';
import { alertSchema } from './alert-archive.js';
import { baselineSchema } from './baseline-archive.js';

export interface StateFile {
  schemaVersion: number;
  /** The current baseline of each case × machine. */
  baselines: Baseline[];
  /** Open and investigating alerts, in creation order. */
  alerts: Alert[];
  /** Schedules added from Slack or the CLI (config ones are re-read at start and kept here too). */
  schedules: Schedule[];
  /** Stress failures and fuzz counterexamples, deduplicated by signature, in discovery order. */
  findings: Finding[];
  /** The job queue: queued and running jobs, then the most recent finished ones. */
  jobs: Job[];
  /** The last commit taken in per watched repository × branch. */
  cursors: WatchCursor[];
}

export function emptyState(schemaVersion: number): StateFile {
  return { schemaVersion, baselines: [], alerts: [], schedules: [], findings: [], jobs: [], cursors: [] };
}

// Loose objects: fields this perflab does not know (written by a later minor
// version, or added by hand) are kept, not stripped.
const sightingSchema = z.looseObject({ runId: z.string(), commit: z.string().nullable(), at: z.string() });

const findingSchema = z.looseObject({
  id: z.string(),
  mode: z.enum(['stress', 'fuzz']),
  caseId: z.string(),
  signature: z.string(),
  kind: z.string(),
  state: z.enum(['new', 'known', 'fixed', 'regressed']),
  flaky: z.boolean(),
  title: z.string(),
  evidence: z.string(),
  repro: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
  firstSeen: sightingSchema,
  lastSeen: sightingSchema,
  count: z.number().int().min(1),
  fixedIn: sightingSchema.optional(),
  cleanRuns: z.number().int().min(0).optional(),
});

const triggerSchema = z.looseObject({ kind: z.enum(['command', 'schedule', 'commit', 'ci', 'button', 'cli']), by: z.string() });

const scheduleSchema = z.looseObject({
  id: z.string(),
  cron: z.string(),
  timezone: z.string(),
  pattern: z.string(),
  mode: z.enum(['bench', 'stress', 'fuzz', 'digest']),
  createdBy: z.string(),
  createdAt: z.string(),
  source: z.enum(['config', 'store']),
});

const jobSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  description: z.string(),
  trigger: triggerSchema,
  request: z.record(z.string(), z.unknown()),
  priority: z.number(),
  dedupeKey: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']),
  createdAt: z.string(),
  restarts: z.number().int().min(0),
});

const cursorSchema = z.looseObject({ repo: z.string(), branch: z.string(), commit: z.string(), at: z.string() });

export const stateFileSchema: z.ZodType<StateFile> = z.looseObject({
  schemaVersion: z.number().int(),
  baselines: z.array(baselineSchema),
  alerts: z.array(alertSchema),
  schedules: z.array(scheduleSchema),
  findings: z.array(findingSchema),
  jobs: z.array(jobSchema),
  cursors: z.array(cursorSchema),
}) as z.ZodType<StateFile>;
