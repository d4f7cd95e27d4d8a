// Finds the suites in a directory and lists their stress scenarios, each
// suite loaded in its own worker. A broken suite is reported with its file
// and reason; the others are still listed.
import { discoverSuites } from '../../engine/suite/discover-suites.js';
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import { caseId } from '../bench/bench-case.js';
import type { SuiteError } from '../bench/list-cases.js';
import type { StressPool } from './stress-pool.js';
import type { StressScenarioRef } from './stress-scenario.js';

export interface ScenarioListing {
  scenarios: StressScenarioRef[];
  suiteErrors: SuiteError[];
}

export async function listScenarios(pool: StressPool, suitesDir: string, filter: CaseFilter): Promise<ScenarioListing> {
  const listing: ScenarioListing = { scenarios: [], suiteErrors: [] };
  for (const file of await discoverSuites(suitesDir)) {
    const reply = await pool.list(file);
    if (!reply.ok) {
      listing.suiteErrors.push({ file, error: reply.error });
      continue;
    }
    if (reply.type !== 'list') continue;
    const { suite } = reply;
    for (const s of suite.scenarios) {
      const id = caseId(suite.name, s.name);
      if (filter(id)) listing.scenarios.push({ id, suite: suite.name, name: s.name, file, options: s.options });
    }
  }
  return listing;
}
