// The shape of a suite's `stress` entries, checked by `defineSuite` (DESIGN §6).
import { z } from 'zod';

/** One stress entry of a suite. Its mode (src/modes/stress/) defines the real shape. */
export type StressCase = unknown;

export const stressCaseSchema: z.ZodType<StressCase> = z.unknown();
