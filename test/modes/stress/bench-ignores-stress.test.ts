import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ExclusivePool } from '../../../src/engine/pool/exclusive-pool.js';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import { listCases } from '../../../src/modes/bench/list-cases.js';
import { WORKER_FILE } from '../../../src/modes/bench/run-bench.js';
import { listScenarios } from '../../../src/modes/stress/list-scenarios.js';
import { StressPool } from '../../../src/modes/stress/stress-pool.js';

const STRESS_ONLY = fileURLToPath(new URL('../../fixtures/stress-only/', import.meta.url));
const SUITES = fileURLToPath(new URL('../../../suites/', import.meta.url));

describe('stress and bench listings keep to their own mode', () => {
  it('a suite with only stress scenarios gives benchmarks nothing to run and no error', async () => {
    const listing = await listCases(new ExclusivePool({ filename: WORKER_FILE }), STRESS_ONLY, caseFilter(undefined));
    expect(listing).toEqual({ cases: [], suiteErrors: [] });
  });

  it('the example suites list their stress scenarios, and benchmarks only their bench cases', async () => {
    const stress = await listScenarios(new StressPool(), SUITES, caseFilter(undefined));
    expect(stress.suiteErrors).toEqual([]);
    expect(stress.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(['http/api ramp', 'ws/echo 64 connections', 'store/concurrent writers']));
    const bench = await listCases(new ExclusivePool({ filename: WORKER_FILE }), SUITES, caseFilter(undefined));
    expect(bench.suiteErrors).toEqual([]);
    expect(bench.cases.map((c) => c.id)).not.toContain('http/api ramp');
  });
});
