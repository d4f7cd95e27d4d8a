// The fuzz properties of a suites directory: a filter over the one suite
// lister (engine/suite/list-suites.ts), with each property's settings
// resolved. A property whose factory threw when it was listed carries its
// error (it will not run; the others do).
import type { CaseError } from '../../engine/model.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { SuiteError } from '../../engine/suite/list-suites.js';
import { parseDuration } from '../../engine/suite/parse-duration.js';
import { propertyBuildError } from './build-property.js';
import type { FuzzPool } from './fuzz-pool.js';
import type { PropertySettings } from './fuzz-task.js';

/** One input may take this long before it is a hang, ms. */
export const DEFAULT_INPUT_TIMEOUT_MS = 5000;

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

export async function listProperties(pool: FuzzPool, suitesDir: string, filter: CaseFilter, signal?: AbortSignal): Promise<PropertyListing> {
  const { suites, suiteErrors } = await pool.listSuites(suitesDir, signal);
  const properties: PropertyRef[] = [];
  for (const { file, definition: suite, factories } of suites) {
    for (const [name, entry] of Object.entries(suite.fuzz ?? {})) {
      const id = `${suite.name}/${name}`;
      if (!filter(id)) continue;
      const settings: PropertySettings = {
        timeoutMs: entry.timeout === undefined ? DEFAULT_INPUT_TIMEOUT_MS : parseDuration(entry.timeout),
        ...(entry.size ? { size: entry.size } : {}),
      };
      const factory = factories[name];
      const error = factory && !factory.ok ? propertyBuildError(name, factory) : undefined;
      properties.push({
        id,
        suite: suite.name,
        name,
        file,
        settings,
        ...(entry.budget === undefined ? {} : { budgetMs: parseDuration(entry.budget) }),
        ...(error ? { error: { code: error.code, message: error.message } } : {}),
      });
    }
  }
  return { properties, suiteErrors };
}
