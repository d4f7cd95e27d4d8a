// The benchmark cases of a suites directory: a filter over the one suite
// lister (engine/suite/list-suites.ts), with each case's options resolved.
// Listing holds the pool, so no listing worker runs beside a measurement.
import type { ExclusivePool } from '../../engine/pool/exclusive-pool.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import { isCommandCase, type BenchOptions } from '../../engine/suite/define-suite.js';
import { listSuiteFiles, listSuites, type SuiteError, type SuiteListing } from '../../engine/suite/list-suites.js';
import { resolveBenchOptions } from './bench-options.js';
import { caseId, type BenchCaseRef } from './bench-case.js';

export type { SuiteError } from '../../engine/suite/list-suites.js';

export interface CaseListing {
  cases: BenchCaseRef[];
  suiteErrors: SuiteError[];
}

/** One suite file's cases (the canary's, say). */
export function listSuiteFile(pool: ExclusivePool, file: string, overrides: BenchOptions = {}): Promise<CaseListing> {
  return pool.exclusive(async () => benchCases(await listSuiteFiles([file]), () => true, overrides));
}

export function listCases(pool: ExclusivePool, suitesDir: string, filter: CaseFilter, overrides: BenchOptions = {}): Promise<CaseListing> {
  return pool.exclusive(async () => benchCases(await listSuites(suitesDir), filter, overrides));
}

function benchCases(listing: SuiteListing, filter: CaseFilter, overrides: BenchOptions): CaseListing {
  const cases: BenchCaseRef[] = [];
  for (const { file, definition: suite } of listing.suites) {
    for (const [name, c] of Object.entries(suite.bench ?? {})) {
      const id = caseId(suite.name, name);
      if (!filter(id)) continue;
      const base = { id, suite: suite.name, name, file };
      if (!isCommandCase(c)) {
        cases.push({ ...base, kind: 'function', options: resolveBenchOptions('function', suite.options, c, overrides) });
        continue;
      }
      const argv = typeof c.command === 'string' ? ['/bin/sh', '-c', c.command] : [...c.command];
      cases.push({
        ...base,
        kind: 'command',
        options: resolveBenchOptions('command', suite.options, c, overrides),
        command: { argv, ...(c.cwd ? { cwd: c.cwd } : {}), ...(c.env ? { env: c.env } : {}) },
      });
    }
  }
  return { cases, suiteErrors: listing.suiteErrors };
}
