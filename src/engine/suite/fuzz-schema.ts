// The shape of a suite's `fuzz` entries, checked by `defineSuite` (DESIGN §7).
import { z } from 'zod';

/** One fuzz entry of a suite. Its mode (src/modes/fuzz/) defines the real shape. */
export type FuzzCase = unknown;

export const fuzzCaseSchema: z.ZodType<FuzzCase> = z.unknown();
