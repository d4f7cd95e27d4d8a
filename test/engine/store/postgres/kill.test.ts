// The kill test on the PostgreSQL store (helpers/kill-run.ts says what it
// checks): the database keeps what it committed; what the test watches is
// perflab's side — the order of its writes, the outbox's claims, job leases.
import { join } from 'node:path';
import { it } from 'vitest';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import { killRepeatedly } from '../helpers/kill-run.js';
import { freshSchemaUrl } from '../helpers/pg-database.js';
import { tempDir } from '../helpers/store-fixtures.js';

const ITERATIONS = 50;

it(`the PostgreSQL store SIGKILLed at ${ITERATIONS} random moments: every reported write is there, nothing twice, no alert posted twice, every job accounted for`, async () => {
  const url = await freshSchemaUrl();
  const dir = await tempDir();
  // One store for all the checks (the schema made before the first child): a database needs no taking over after a kill.
  const store = await openPgStore(url, { dir });
  try {
    await killRepeatedly({ where: url, open: () => Promise.resolve(store), release: () => Promise.resolve() }, join(dir, 'posts.txt'), ITERATIONS);
  } finally {
    await store.close();
  }
}, 240_000);
