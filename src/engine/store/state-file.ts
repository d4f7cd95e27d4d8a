// state.json: the small, hand-readable part of the store. Everything in it is
// loaded at open and indexed, so baselines and alerts are read synchronously.
import { z } from 'zod';
import type { Alert, Baseline } from '../model.js';

export interface StateFile {
  schemaVersion: number;
  /** The current baseline of each case × machine. */
  baselines: Baseline[];
  /** Baselines that a later acceptance replaced, in the order they were replaced. */
  previousBaselines: Baseline[];
  /** In creation order. */
  alerts: Alert[];
  /** Reserved for schedules (DESIGN §8); kept as written until the scheduler owns it. */
  schedules: unknown[];
}

export function emptyState(schemaVersion: number): StateFile {
  return { schemaVersion, baselines: [], previousBaselines: [], alerts: [], schedules: [] };
}

// Loose objects: fields this perflab does not know (written by a later minor
// version, or added by hand) are kept, not stripped.
const baselineSchema = z.looseObject({
  caseId: z.string(),
  machine: z.string(),
  runId: z.string(),
  commit: z.string().nullable(),
  median: z.number(),
  unit: z.string(),
  acceptedBy: z.string(),
  acceptedAt: z.string(),
  reason: z.string(),
});

const alertSchema = z.looseObject({
  id: z.string(),
  runId: z.string(),
  commit: z.string().nullable(),
  kind: z.enum(['regression', 'improvement', 'environment-suspect', 'suite-error']),
  caseIds: z.array(z.string()),
  state: z.enum(['open', 'investigating', 'accepted', 'dismissed', 'fixed']),
  createdAt: z.string(),
  stateBy: z.string().optional(),
  stateAt: z.string().optional(),
});

export const stateFileSchema: z.ZodType<StateFile> = z.looseObject({
  schemaVersion: z.number().int(),
  baselines: z.array(baselineSchema),
  previousBaselines: z.array(baselineSchema),
  alerts: z.array(alertSchema),
  schedules: z.array(z.unknown()),
});
