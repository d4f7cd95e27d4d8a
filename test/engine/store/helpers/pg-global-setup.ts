// vitest globalSetup of the tests that need PostgreSQL (the `store-pg`
// project in vitest.config.ts): ONE server for the whole run, started before
// the first of them and stopped after the last. Test files reach it through
// `inject('perflabPgUrl')` and each makes its own database (pg-database.ts).
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database. */
    perflabPgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgServer();
  process.stderr.write(`PostgreSQL for the store tests on 127.0.0.1:${server.port}: ready in ${server.startMs.toFixed(0)} ms (server start ${server.serverStartMs.toFixed(0)} ms)\n`);
  project.provide('perflabPgUrl', server.url);
  return () => server.stop();
}
