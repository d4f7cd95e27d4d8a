// The one place that picks the store: PostgreSQL when PERFLAB_DATABASE_URL is
// set (a team's lab shared by many machines), else lowdb files in `dir` (the
// embedded default, nothing to install). The PostgreSQL client is loaded only
// when it is used: a command on a lowdb store does not pay for it.
import { openStore } from './open-store.js';
import type { Store } from './store.js';

export const DATABASE_URL_VARIABLE = 'PERFLAB_DATABASE_URL';

/**
 * `dir` is the lowdb store, or with a database this machine's own files (git
 * mirrors, the button key). Throws what `openStore` or `openPgStore` throw;
 * a bad PERFLAB_DATABASE_URL is a PerflabError Config naming the variable.
 */
export async function openAnyStore(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const url = env[DATABASE_URL_VARIABLE];
  if (url === undefined || url.trim() === '') return openStore(dir);
  const { openPgStore } = await import('./postgres/open-pg-store.js');
  return openPgStore(url.trim(), { dir, source: DATABASE_URL_VARIABLE });
}
