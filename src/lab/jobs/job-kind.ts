// A kind of work (DESIGN §2, "one path for all work"): the request it takes,
// checked when submitted and again when read back after a restart; how it is
// described to people; and how it runs. Every kind is listed in `index.ts`.
import type { z } from 'zod';
import type { Job } from '../../engine/model.js';
import type { LabContext } from '../lab-context.js';

export interface JobKind<Schema extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  request: Schema;
  /** "run json/*", "compare main my-branch". */
  describe(request: z.output<Schema>): string;
  /** Emits its progress and its finished event through `lab.emit`; a throw is the job's failure. */
  run(lab: LabContext, job: Job, request: z.output<Schema>, signal: AbortSignal): Promise<void>;
  /** Two queued or running jobs with the same key are one job. Default: the kind and the whole request. */
  dedupeKey?(request: z.output<Schema>): string;
  /** Measures nothing, so it need not wait for the measuring job (default false). */
  beside?: boolean;
}

/** Declares a job kind with its request type inferred from the schema. */
export function defineJobKind<Schema extends z.ZodType<Record<string, unknown>>>(kind: JobKind<Schema>): JobKind<Schema> {
  return kind;
}
