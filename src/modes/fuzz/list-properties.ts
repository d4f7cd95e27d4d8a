// Finds the fuzz properties of every suite in a directory, each suite file
// listed in a worker (suite code never runs in perflab's main thread). A
// broken suite is reported with its file; a property whose factory throws is
// listed with its error; everything else can run.
import { ErrorCode } from '../../engine/errors.js';
import type { CaseError } from '../../engine/model.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import { discoverSuites } from '../../engine/suite/discover-suites.js';
import type { SuiteError } from '../bench/list-cases.js';
import type { FuzzPool } from './fuzz-pool.js';
import type { PropertySettings } from './fuzz-task.js';

export interface PropertyRef {
  /** `suite/name`. */
  id: string;
  suite: string;
  name: string;
  file: string;
  /** The entry's own cap per run, ms. */
  budgetMs?: number;
  settings: PropertySettings;
  error?: CaseError;
}

export interface PropertyListing {
  properties: PropertyRef[];
  suiteErrors: SuiteError[];
}

/** Importing a suite (tsx compiles it) may take a while on a busy machine, ms. */
const LIST_DEADLINE_MS = 60_000;

export async function listProperties(pool: FuzzPool, suitesDir: string, filter: CaseFilter, signal?: AbortSignal): Promise<PropertyListing> {
  const files = await discoverSuites(suitesDir);
  const listed = await Promise.all(files.map((file) => pool.run({ type: 'list', file }, { deadlineMs: LIST_DEADLINE_MS, ...(signal ? { signal } : {}) })));
  const listing: PropertyListing = { properties: [], suiteErrors: [] };
  for (const [i, outcome] of listed.entries()) {
    const file = files[i] ?? '';
    if (!outcome.ok) listing.suiteErrors.push({ file, error: { code: ErrorCode.SuiteLoad, message: outcome.message } });
    else if (!outcome.reply.ok) listing.suiteErrors.push({ file, error: outcome.reply.error });
    else if (outcome.reply.type === 'list') {
      const { suite, properties } = outcome.reply;
      for (const p of properties) {
        const id = `${suite}/${p.name}`;
        if (filter(id)) listing.properties.push({ id, suite, file, ...p });
      }
    }
  }
  return listing;
}
