// Schema versions of a store. `migrations[i]` turns a store at version i + 1
// into one at version i + 2, so the current version is one more than the
// number of migrations and the two can never disagree.
import { ErrorCode, PerflabError } from '../errors.js';
import { migrateToV3 } from './migrate-to-v3.js';
import { corruptStoreFile } from './store-file.js';
import type { StoreLayout } from './store-layout.js';

/**
 * Takes state.json's content at version n and returns it at version n + 1
 * (without `schemaVersion`, which the caller sets). It may rewrite partition
 * files through `layout` too; it runs under the store lock, before anything
 * else reads the store.
 */
export type Migration = (state: Record<string, unknown>, layout: StoreLayout) => Promise<Record<string, unknown>>;

export const migrations: readonly Migration[] = [
  // 1 → 2: findings, the persisted job queue and watch cursors; schedules get a shape.
  (state) => Promise.resolve({
    ...state,
    schedules: Array.isArray(state['schedules']) ? state['schedules'].filter(isScheduleLike) : [],
    findings: [],
    jobs: [],
    cursors: [],
  }),
  // 2 → 3: append-only logs; closed alerts and replaced baselines leave state.json (migrate-to-v3.ts).
  migrateToV3,
];

/** Version 1 reserved `schedules` without using it; anything there that is not a schedule is dropped. */
function isScheduleLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { cron?: unknown }).cron === 'string' && typeof (value as { id?: unknown }).id === 'string';
}

export const SCHEMA_VERSION = migrations.length + 1;

/** Brings state.json's parsed content up to `SCHEMA_VERSION` (or the table's); returns it and the version it had. */
export async function migrateState(
  raw: unknown,
  layout: StoreLayout,
  table: readonly Migration[] = migrations,
): Promise<{ state: Record<string, unknown>; from: number }> {
  const current = table.length + 1;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw corruptStoreFile(layout.stateFile, 'expected a JSON object');
  }
  const from = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 1) {
    throw corruptStoreFile(layout.stateFile, `field schemaVersion: expected a whole number ≥ 1, got ${JSON.stringify(from)}`);
  }
  if (from > current) {
    throw new PerflabError(
      ErrorCode.StoreVersion,
      `store ${layout.root} was written by a newer perflab (schema version ${from}; this perflab knows versions up to ${current}). Upgrade perflab, or use --store to pick another directory`,
      { file: layout.stateFile },
    );
  }
  let state = raw as Record<string, unknown>;
  for (let version = from; version < current; version++) {
    const migration = table[version - 1] as Migration; // version - 1 < table.length by the loop bound
    state = { ...(await migration(state, layout)), schemaVersion: version + 1 };
  }
  return { state, from };
}
