// The shape of a suite's `fuzz` entries, checked by `defineSuite` (DESIGN §7).
// The property is a factory, so checking a suite runs no user code, and a
// property that throws while it is built fails alone: the others still run.
import type { IRawProperty } from 'fast-check';
import { z } from 'zod';
import { parseDuration } from './parse-duration.js';

/** What perflab hands a property factory. */
export interface FuzzContext {
  /**
   * For model-based properties: pass it on, `fc.commands(commands, { replayPath: ctx.replayPath })`,
   * so a replay shrinks to the very same commands. Undefined while fuzzing.
   */
  replayPath?: string;
}

export type FuzzSize = 'xsmall' | 'small' | 'medium' | 'large' | 'xlarge';

/** One fuzz property of a suite. */
export interface FuzzCase {
  /** Builds the property: `() => fc.property(…)`, `fc.asyncProperty(…)`, or one over `fc.commands(…)`. Called in a worker. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each property has its own value type
  property: (ctx: FuzzContext) => IRawProperty<any>;
  /** At most this long per run (`'2s'` or ms). Default: an equal share of the run's `--budget`. */
  budget?: string | number;
  /** How big generated values get: fast-check's `baseSize` while the property is built. Default `small`. */
  size?: FuzzSize;
  /**
   * One input may take this long (`'500ms'` or ms) before it is a `hang` finding. Default 5 s.
   * Async inputs fail through fast-check's `timeout`; a synchronous one is stopped by ending its worker.
   */
  timeout?: string | number;
}

const MAX_FUZZ_MS = 24 * 3_600_000;

const durationSchema = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  try {
    if (parseDuration(value) > MAX_FUZZ_MS) ctx.addIssue({ code: 'custom', message: `${value} is longer than a day` });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

export const fuzzCaseSchema: z.ZodType<FuzzCase> = z
  .object({
    property: z.custom<FuzzCase['property']>((v) => typeof v === 'function', 'expected a function that returns fc.property(…) or fc.asyncProperty(…)'),
    budget: durationSchema.optional(),
    size: z.enum(['xsmall', 'small', 'medium', 'large', 'xlarge']).optional(),
    timeout: durationSchema.optional(),
  })
  .strict();
