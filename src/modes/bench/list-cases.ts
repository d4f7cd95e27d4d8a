// Finds the suites in a directory and lists their cases, each suite in its
// own worker. A broken suite is reported with its file and reason; the
// others are still listed.
import type { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import { discoverSuites } from '../../engine/suite/discover-suites.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { BenchOptions } from '../../engine/suite/define-suite.js';
import type { CaseError } from '../../engine/model.js';
import { caseId, type BenchCaseRef } from './bench-case.js';
import type { WorkerReply } from './worker.js';

export interface SuiteError {
  file: string;
  error: CaseError;
}

export interface CaseListing {
  cases: BenchCaseRef[];
  suiteErrors: SuiteError[];
}

const LIST_TIMEOUT_MS = 30_000;

export async function listSuiteFile(pool: ExclusivePool, file: string, overrides: BenchOptions = {}): Promise<CaseListing> {
  const outcome = await pool.run<WorkerReply>({ type: 'list', file, overrides }, { timeoutMs: LIST_TIMEOUT_MS });
  if (!outcome.ok) return { cases: [], suiteErrors: [{ file, error: outcome.error }] };
  if (!outcome.value.ok) return { cases: [], suiteErrors: [{ file, error: outcome.value.error }] };
  if (outcome.value.type !== 'list') return { cases: [], suiteErrors: [] };
  const suite = outcome.value.suite;
  return { cases: suite.cases.map((c) => ({ ...c, id: caseId(suite.name, c.name), suite: suite.name, file })), suiteErrors: [] };
}

export async function listCases(
  pool: ExclusivePool,
  suitesDir: string,
  filter: CaseFilter,
  overrides: BenchOptions = {},
): Promise<CaseListing> {
  const listing: CaseListing = { cases: [], suiteErrors: [] };
  const seen = new Map<string, string>();
  for (const file of await discoverSuites(suitesDir)) {
    const one = await listSuiteFile(pool, file, overrides);
    listing.suiteErrors.push(...one.suiteErrors);
    const suiteName = one.cases[0]?.suite;
    if (suiteName !== undefined && seen.has(suiteName)) {
      listing.suiteErrors.push({ file, error: { code: 'PERFLAB_E_SUITE_INVALID', message: `suite name "${suiteName}" is already used by ${seen.get(suiteName)}` } });
      continue;
    }
    if (suiteName !== undefined) seen.set(suiteName, file);
    listing.cases.push(...one.cases.filter((c) => filter(c.id)));
  }
  return listing;
}
