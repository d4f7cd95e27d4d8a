// runBench for real on a git repository made for each test, with a store of
// its own in a temp folder (both removed after the test), fresh workers from
// one pool, and short measurements. Call at the top of a test file (or of a
// describe), before the hooks that use the repository or the store.
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { describeCheckout } from '../../src/engine/git/git.js';
import { ExclusivePool } from '../../src/engine/pool/exclusive-pool.js';
import type { Store } from '../../src/engine/store/store.js';
import { caseFilter } from '../../src/engine/suite/case-filter.js';
import { runBench, WORKER_FILE, type BenchReport, type RunBenchOptions } from '../../src/modes/bench/run-bench.js';
import { tempRepo, type TempRepo } from './temp-repo.js';
import { useTempStore, type ReopenOptions } from './temp-store.js';

/** Short measurements: enough for a verdict on a 3× change, quick on a loaded machine. */
const FAST = { timeBudgetMs: 60, minSamples: 5, warmupMs: 10 };

export interface BenchInRepoOptions {
  machine: string;
  /** Measure the canary on every run. */
  canary: boolean;
}

export interface BenchInRepo {
  /** The current test's repository; its suites are in `suites/`. */
  readonly repo: TempRepo;
  /** The current test's store. */
  readonly store: Store;
  /** Closes the store and opens its folder again, as a restart would; returns the new store (also `store` from now on). */
  reopen(options?: ReopenOptions): Promise<Store>;
  /** Measures every case of the repository's suites at its checked-out commit, by a CLI trigger; `extra` replaces any option. */
  run(extra?: Partial<RunBenchOptions>): Promise<BenchReport>;
}

export function useBenchInRepo({ machine, canary }: BenchInRepoOptions): BenchInRepo {
  const temp = useTempStore('perflab-bench-store-');
  const pool = new ExclusivePool({ filename: WORKER_FILE });
  let repo: TempRepo | undefined;
  beforeEach(() => {
    repo = tempRepo();
  });
  afterEach(() => {
    repo?.remove();
    repo = undefined;
  });
  const current = (): TempRepo => {
    if (!repo) throw new Error('useBenchInRepo: the repository exists only inside a test (or a hook registered after useBenchInRepo)');
    return repo;
  };
  return {
    get repo() {
      return current();
    },
    get store() {
      return temp.store;
    },
    reopen: (options) => temp.reopen(options),
    async run(extra = {}) {
      const { dir } = current();
      return runBench({
        suitesDir: join(dir, 'suites'),
        filter: caseFilter(undefined),
        store: temp.store,
        machine,
        trigger: { kind: 'cli', by: 'cli:test' },
        checkout: await describeCheckout(dir),
        overrides: FAST,
        pool,
        canary,
        ...extra,
      });
    },
  };
}
