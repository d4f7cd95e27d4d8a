// Schema version 2 → 3: logs become JSON lines, and state.json keeps only
// what is needed at hand (see store-layout.ts).
//
//   runs/YYYY-MM.json, audit/YYYY-MM.json   → runs/YYYY-MM.jsonl, audit/YYYY-MM.jsonl
//   state.json previousBaselines            → baselines/<case>.jsonl
//   state.json alerts no longer live        → alerts/YYYY-MM.jsonl
//
// Results and history files stay where they are: they are read in version
// 2's format, never written again, so the migration costs the size of the
// runs and audit logs, not of all history.
//
// Every file is written whole and atomically, and a version 2 file is removed
// only after its replacement is written. state.json says version 2 until
// every step is done (the caller writes it last), so a migration killed
// half-way runs again from the start and writes the same files.
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import type { Alert, Baseline } from '../model.js';
import { alertSchema, isLive } from './alert-archive.js';
import { auditEventSchema } from './audit-log.js';
import { baselineSchema } from './baseline-archive.js';
import { writeLinesAtomically } from './line-file.js';
import { listMonths } from './list-months.js';
import type { Migration } from './migrations.js';
import { monthOf } from './month-of.js';
import { runSchema } from './run-log.js';
import { checkStoreData, openStoreFile } from './store-file.js';
import type { StoreLayout } from './store-layout.js';

export const migrateToV3: Migration = async (state, layout) => {
  await linesFromMonthFiles(layout.runsDir, layout.v2.runsFile, layout.runsFile, 'runs', runSchema);
  await linesFromMonthFiles(layout.auditDir, layout.v2.auditFile, layout.auditFile, 'events', auditEventSchema);

  const previous = arrayField(state, 'previousBaselines', layout).map((raw, i) => checkStoreData(raw, layout.stateFile, baselineSchema, `previousBaselines.${i}`) as Baseline);
  for (const [caseId, replaced] of groupBy(previous, (baseline) => baseline.caseId)) {
    await writeLinesAtomically(layout.baselinesFile(caseId), replaced);
  }

  const alerts = arrayField(state, 'alerts', layout).map((raw, i) => checkStoreData(raw, layout.stateFile, alertSchema, `alerts.${i}`) as unknown as Alert);
  for (const [month, closed] of groupBy(alerts.filter((alert) => !isLive(alert)), (alert) => monthOf(alert.createdAt))) {
    await writeLinesAtomically(layout.alertsFile(month), closed);
  }

  const { previousBaselines: _archived, ...rest } = state;
  return { ...rest, alerts: alerts.filter(isLive) };
};

/** Turns each `YYYY-MM.json` document of `dir` into `YYYY-MM.jsonl`, one record a line. */
async function linesFromMonthFiles<T>(
  dir: string,
  v2File: (month: string) => string,
  file: (month: string) => string,
  key: string,
  record: z.ZodType<T>,
): Promise<void> {
  const schema = z.object({ [key]: z.array(record) }) as unknown as z.ZodType<Record<string, T[]>>;
  for (const month of await listMonths(dir, 'files')) {
    const old = await openStoreFile(v2File(month), schema, { [key]: [] }, 'records');
    await writeLinesAtomically(file(month), old.data[key] ?? []);
    await rm(v2File(month));
  }
}

function arrayField(state: Record<string, unknown>, key: string, layout: StoreLayout): unknown[] {
  return state[key] === undefined ? [] : checkStoreData(state[key], layout.stateFile, z.array(z.unknown()), `field ${key}`);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
