// The kill test on the lowdb store (helpers/kill-run.ts says what it checks).
import { join } from 'node:path';
import { it } from 'vitest';
import { openStore } from '../../../src/engine/store/open-store.js';
import { killRepeatedly } from './helpers/kill-run.js';
import { tempDir } from './helpers/store-fixtures.js';

const ITERATIONS = 50;

it(`the lowdb store SIGKILLed at ${ITERATIONS} random moments: every reported write is there, nothing twice, no torn file, no alert posted twice, every job accounted for`, async () => {
  const dir = await tempDir();
  await killRepeatedly({ where: dir, open: () => openStore(dir), files: dir }, join(await tempDir(), 'posts.txt'), ITERATIONS);
}, 240_000);
