// Fuzz properties live beside benchmarks in suites/: `perflab run` must
// neither measure them nor fail on a suite that has only fuzz entries.
import { describe, expect, it } from 'vitest';
import { ExclusivePool } from '../../../src/engine/pool/exclusive-pool.js';
import { caseFilter } from '../../../src/engine/suite/case-filter.js';
import { listCases } from '../../../src/modes/bench/list-cases.js';
import { WORKER_FILE } from '../../../src/modes/bench/run-bench.js';
import { fixtureSuites } from './helpers.js';

describe('benchmark listing', () => {
  it('lists no benchmark cases, and no error, for a suite with only fuzz properties', async () => {
    const listing = await listCases(new ExclusivePool({ filename: WORKER_FILE }), fixtureSuites('mixed'), caseFilter(undefined));
    expect(listing).toEqual({ cases: [], suiteErrors: [] });
  });
});
