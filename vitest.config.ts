import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that need the PostgreSQL test server (started once per run by their project's globalSetup). */
const NEEDS_POSTGRES = ['test/engine/store/contract/**/*.test.ts', 'test/engine/store/postgres/**/*.test.ts', 'test/cli/store-migrate.test.ts', 'test/cli/agent.test.ts'];

export default defineConfig({
  test: {
    // Integration tests start real worker pools and child processes; on a
    // 2-core machine running files in parallel makes their timing flaky.
    fileParallelism: false,
    // A confirmation may take 30 interleaved runs per side in fresh workers.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Two projects only so that the PostgreSQL server starts when a test that
    // needs it runs: vitest runs a project's globalSetup only if the run has
    // files of that project.
    projects: [
      {
        extends: true,
        test: { name: 'perflab', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...NEEDS_POSTGRES] },
      },
      {
        extends: true,
        test: { name: 'store-pg', include: NEEDS_POSTGRES, globalSetup: ['test/engine/store/helpers/pg-global-setup.ts'] },
      },
    ],
  },
});
