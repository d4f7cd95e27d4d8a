import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real worker pools and child processes; on a
    // 2-core machine running files in parallel makes their timing flaky.
    fileParallelism: false,
    // A confirmation may take 30 interleaved runs per side in fresh workers.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
