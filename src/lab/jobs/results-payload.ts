// What `perflab ci --push` sends to POST /api/v1/results: the CI's
// comparison (`CompareRefsReport`) plus where it ran. Validated at the door;
// every message names the field.
import { z } from 'zod';
import { firstIssue } from '../../engine/config/first-issue.js';

/** Raised when the wire format changes incompatibly; the server refuses versions it does not know. */
export const RESULTS_SCHEMA_VERSION = 1;

/** More comparisons than this in one push is not a CI job, it is a mistake. */
const MAX_CASES = 10_000;
/** Per side; a confirmation stops at 30 runs a side. */
const MAX_MEDIANS = 1_000;

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full commit SHA (40 or 64 hex digits)');
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const text = (max: number) => z.string().max(max);

const change = z.object({
  ratio: finite.refine((r) => r > 0, 'expected a ratio above 0'),
  ciLow: finite,
  ciHigh: finite,
  pValue: z.number().min(0).max(1),
  method: z.enum(['interleaved', 'window']),
  runs: z.number().int().positive(),
});

const caseError = z.object({ code: text(100), message: text(10_000) });

/** The per-run medians of both sides (one value per fresh-worker run). */
const measured = z.object({
  kind: z.enum(['function', 'command']),
  unit: text(20).min(1),
  baseline: z.array(finite).max(MAX_MEDIANS),
  candidate: z.array(finite).min(1).max(MAX_MEDIANS),
});

const comparison = z
  .object({
    caseId: text(500).regex(/^[^/]+\/.+$/, 'expected a case id "suite/name"'),
    verdict: z.enum(['regressed', 'improved', 'unchanged', 'no-baseline', 'unstable', 'errored']),
    reason: text(10_000),
    change: change.optional(),
    error: caseError.optional(),
    measured: measured.optional(),
  })
  .superRefine((c, ctx) => {
    // An errored case needs its error; any other verdict rests on measurements, which the server stores.
    if (c.verdict === 'errored' && !c.error) ctx.addIssue({ code: 'custom', path: ['error'], message: 'required when verdict is "errored"' });
    if (c.verdict !== 'errored' && !c.measured) ctx.addIssue({ code: 'custom', path: ['measured'], message: `required when verdict is "${c.verdict}" (the per-run medians)` });
    // A confirmed change always carries its evidence.
    if ((c.verdict === 'regressed' || c.verdict === 'improved') && !c.change) ctx.addIssue({ code: 'custom', path: ['change'], message: `required when verdict is "${c.verdict}" (ratio, CI, p, runs)` });
  });

const suiteError = z.object({ file: text(1000), error: caseError, side: z.enum(['A', 'B']) });

export const resultsPayloadSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  /** Chosen by the client, the same on every retry of one push: a retry of a push the server already stored stores nothing. */
  pushId: text(100).min(8).optional(),
  /** The ref the CI compared with, as given (`HEAD~1`, `origin/main`). */
  base: text(500),
  /** The CI machine's name: baselines and history are per machine. */
  machine: text(200).min(1),
  /** The repository's remote URL, without credentials, when known. */
  repository: text(2000).optional(),
  ci: z.object({ provider: text(100), runUrl: text(2000).optional() }).optional(),
  commitA: sha,
  commitB: sha,
  comparisons: z.array(comparison).max(MAX_CASES),
  onlyA: z.array(text(500)).max(MAX_CASES),
  onlyB: z.array(text(500)).max(MAX_CASES),
  suiteErrors: z.array(suiteError).max(MAX_CASES),
});

export type ResultsPayload = z.infer<typeof resultsPayloadSchema>;

export type PayloadReading = { ok: true; payload: ResultsPayload } | { ok: false; reason: string };

export function readResultsPayload(json: unknown): PayloadReading {
  // Say the version problem first: a newer client's payload fails in many fields at once.
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof json === 'object' && json !== null && version !== RESULTS_SCHEMA_VERSION) {
    return { ok: false, reason: `schemaVersion: this server reads version ${RESULTS_SCHEMA_VERSION}, got ${JSON.stringify(version ?? null)}` };
  }
  const parsed = resultsPayloadSchema.safeParse(json);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, reason: firstIssue(parsed.error) };
}
