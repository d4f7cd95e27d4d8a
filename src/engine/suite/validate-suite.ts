// The schema of a suite definition (zod), and the one check against it:
// `defineSuite` runs it wherever zod is cheap (the main thread, tests), and
// the suite lister runs it on what a listing worker sends back
// (list-suites.ts). Messages name the field, so a typo says where it is.
// Workers get validate-suite.in-worker.ts instead (see engine/compile).
import { z } from 'zod';
import { ErrorCode, PerflabError } from '../errors.js';
import { fuzzCaseSchema } from './fuzz-schema.js';
import { stressCaseSchema } from './stress-schema.js';

const fnSchema = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');

export const benchOptionsSchema = z
  .object({
    timeBudgetMs: z.number().positive().max(3_600_000),
    minSamples: z.number().int().min(2).max(1_000_000),
    maxSamples: z.number().int().min(2).max(1_000_000),
    warmupMs: z.number().min(0).max(600_000),
    timeoutMs: z.number().positive().max(86_400_000),
    threshold: z.number().positive().max(10),
  })
  .partial()
  .strict();

const functionCaseSchema = benchOptionsSchema.extend({ setup: fnSchema.optional(), teardown: fnSchema.optional(), fn: fnSchema }).strict();

const commandCaseSchema = benchOptionsSchema
  .extend({
    command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const caseNameSchema = z.string().min(1).max(200).refine((s) => !s.includes('/'), 'a case name cannot contain "/"');

const suiteSchema = z
  .object({
    name: z.string().min(1).max(100).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-"'),
    bench: z.record(caseNameSchema, z.union([functionCaseSchema, commandCaseSchema], { error: 'expected { fn } or { command }' })).optional(),
    stress: z.record(caseNameSchema, stressCaseSchema).optional(),
    fuzz: z.record(caseNameSchema, fuzzCaseSchema).optional(),
    options: benchOptionsSchema.optional(),
  })
  .strict();

/** Throws a `PERFLAB_E_SUITE_INVALID` naming the first wrong field. */
export function validateSuite(definition: unknown): void {
  const parsed = suiteSchema.safeParse(definition);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(suite)';
  // A bad record key (a case name) carries the useful message one level down.
  const inner = issue?.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
  throw new PerflabError(ErrorCode.SuiteInvalid, `invalid suite: ${field}: ${inner ?? issue?.message ?? 'invalid'}`);
}
