// The stress scenarios of a suites directory: a filter over the one suite
// lister (engine/suite/list-suites.ts), with each scenario's options resolved.
import type { CaseFilter } from '../../engine/suite/case-filter.js';
import type { SuiteError } from '../../engine/suite/list-suites.js';
import { caseId } from '../bench/bench-case.js';
import { resolveStressOptions } from './stress-options.js';
import type { StressPool } from './stress-pool.js';
import type { StressScenarioRef } from './stress-scenario.js';

export interface ScenarioListing {
  scenarios: StressScenarioRef[];
  suiteErrors: SuiteError[];
}

export async function listScenarios(pool: StressPool, suitesDir: string, filter: CaseFilter): Promise<ScenarioListing> {
  const { suites, suiteErrors } = await pool.listSuites(suitesDir);
  const scenarios: StressScenarioRef[] = [];
  for (const { file, definition: suite } of suites) {
    for (const [name, scenario] of Object.entries(suite.stress ?? {})) {
      const id = caseId(suite.name, name);
      if (filter(id)) scenarios.push({ id, suite: suite.name, name, file, options: resolveStressOptions(scenario) });
    }
  }
  return { scenarios, suiteErrors };
}
