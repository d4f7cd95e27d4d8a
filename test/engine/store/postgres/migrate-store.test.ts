// `migrateStore`: a lowdb store copied into PostgreSQL reads back the same
// through the Store contract, and a copy that cannot be made writes nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../src/engine/errors.js';
import { migrateStore } from '../../../../src/engine/store/migrate-store.js';
import { openStore } from '../../../../src/engine/store/open-store.js';
import { openPgStore } from '../../../../src/engine/store/postgres/open-pg-store.js';
import type { Store } from '../../../../src/engine/store/store.js';
import { freshSchemaUrl, withAdmin } from '../helpers/pg-database.js';
import { recordDaily, recordRun } from '../helpers/record-runs.js';
import { makeAlert, makeBaseline, makeResult, makeRun, tempDir } from '../helpers/store-fixtures.js';

/** A small lab's store with some of everything. */
async function fillLowdb(dir: string): Promise<void> {
  const store = await openStore(dir);
  await recordDaily(store, '2024-01-30T00:00:00.000Z', 4, 'parse/json', 'ci-1');
  await recordDaily(store, '2024-01-30T00:00:00.000Z', 2, 'parse/json', 'arm-2');
  await recordRun(store, makeRun({ id: 'both', startedAt: '2024-02-10T00:00:00.000Z' }), { 'parse/json': 7, 'parse/csv': 8 });
  const broken = makeRun({ id: 'broken', startedAt: '2024-02-11T00:00:00.000Z' });
  await store.beginRun(broken);
  await store.recordResults('broken', [
    makeResult(broken, 'parse/json', 0, { result: { caseId: 'parse/json', suite: 'parse', name: 'json', mode: 'bench', state: 'errored', error: { code: 'PERFLAB_E_CASE_THREW', message: 'boom' } }, comparison: undefined }),
  ]);
  await store.beginRun(makeRun({ id: 'interrupted', startedAt: '2024-02-12T00:00:00.000Z' }));

  await store.acceptBaseline(makeBaseline({ runId: 'ci-1-2024-01-30', median: 0 }));
  await store.acceptBaseline(makeBaseline({ machine: 'arm-2', runId: 'arm-2-2024-01-30', median: 0 }));
  await store.acceptBaseline(makeBaseline({ runId: 'both', median: 7 }));

  await store.addAlert(makeAlert({ id: 'a1' }));
  await store.addAlert(makeAlert({ id: 'a2', kind: 'finding', findingIds: ['f-x'] }));
  await store.transitionAlert('a1', ['open'], 'investigating', 'slack:U1', { investigation: { note: 'GC?', assignee: 'U2' } });
  await store.setAlertDelivery('a2', { state: 'posted', attempts: 1, channel: 'C1', ts: '1.0001' });

  const report = { mode: 'fuzz' as const, caseId: 'url/parse', signature: 'sig-1', kind: 'property-failed', title: 'TypeError', evidence: 'counterexample: ["%"]', detail: { seed: 7 }, repro: 'perflab fuzz --replay' };
  const { finding } = await store.recordFinding(report, { runId: 'both', commit: 'c1', at: '2024-02-10T00:01:00.000Z' });
  await store.recordFinding({ ...report, signature: 'sig-2', mode: 'stress' }, { runId: 'both', commit: 'c1', at: '2024-02-10T00:01:00.000Z' });
  await store.countCleanRun(finding.id, { runId: 'broken', commit: 'c2', at: '2024-02-11T00:01:00.000Z' }, 3);

  await store.addSchedule({ id: 'nightly', cron: '0 3 * * *', timezone: 'UTC', pattern: '*', mode: 'bench', createdBy: 'config', createdAt: '2024-01-01T00:00:00.000Z', source: 'config' });
  await store.putJob({ id: 'j1', kind: 'run', description: 'run *', trigger: { kind: 'cli', by: 'cli:alice' }, request: { pattern: '*' }, priority: 0, dedupeKey: 'run:*', state: 'done', createdAt: '2024-02-10T00:00:00.000Z', finishedAt: '2024-02-10T00:05:00.000Z', restarts: 0 }, 10);
  await store.setCursor({ repo: 'https://git.example/app.git', branch: 'main', commit: 'c2', at: '2024-02-11T00:00:00.000Z' });
  await store.audit({ at: '2024-02-10T00:00:00.000Z', actor: 'slack:U1', action: 'alert.investigate', args: { alertId: 'a1' } });
  await store.close();
}

/** Everything the Store contract can read, in the order it reads it. */
async function everything(store: Store): Promise<unknown> {
  const runs = await store.listRuns();
  const results = await Promise.all(runs.map((run) => store.runResults(run.id)));
  const current = await store.listBaselines();
  return {
    runs,
    results,
    history: {
      json: await store.history('parse/json'),
      jsonArm: await store.history('parse/json', { machine: 'arm-2', limit: 1 }),
      csv: await store.history('parse/csv'),
    },
    baselines: current,
    baselineHistories: await Promise.all(current.map((b) => store.baselineHistory(b.caseId, b.machine))),
    alerts: await store.listAlerts(),
    findings: await store.listFindings(),
    schedules: await store.listSchedules(),
    jobs: await store.listJobs(),
    cursor: await store.getCursor('https://git.example/app.git', 'main'),
    audit: await store.listAudit(),
  };
}

describe('migrateStore (lowdb → PostgreSQL)', () => {
  it('copies every record; the database then reads back what the lowdb store did, and the counts match', async () => {
    const dir = await tempDir();
    await fillLowdb(dir);
    const url = await freshSchemaUrl();

    const migration = await migrateStore(dir, url);

    expect(migration.from).toEqual({ runs: 9, results: 9, baselines: 3, alerts: 2, findings: 2, auditEvents: 4, schedules: 1, jobs: 1, cursors: 1 });
    expect(migration.to).toEqual(migration.from);
    expect(migration.history).toEqual({ from: 9, to: 9 });
    const lowdb = await openStore(dir);
    const pg = await openPgStore(url, { dir: await tempDir() });
    expect(await everything(pg)).toEqual(await everything(lowdb));
    await Promise.all([lowdb.close(), pg.close()]);
  });

  it('refuses a database that already holds perflab records, and leaves it as it was', async () => {
    const dir = await tempDir();
    await fillLowdb(dir);
    const url = await freshSchemaUrl();
    const pg = await openPgStore(url, { dir: await tempDir() });
    await pg.addAlert(makeAlert({ id: 'already-here' }));
    await pg.close();

    await expect(migrateStore(dir, url, { source: 'PERFLAB_DATABASE_URL' })).rejects.toMatchObject({
      code: ErrorCode.Config,
      message: expect.stringMatching(/^PERFLAB_DATABASE_URL .*already holds perflab records \(1 alerts\)/) as string,
    });
    const reopened = await openPgStore(url, { dir: await tempDir() });
    expect((await reopened.listAlerts()).map((a) => a.id)).toEqual(['already-here']);
    expect(await reopened.listRuns()).toEqual([]);
    await reopened.close();
  });

  it('a store the database cannot hold (two findings with one signature, edited by hand) fails the copy and writes nothing', async () => {
    const dir = await tempDir();
    await fillLowdb(dir);
    const stateFile = join(dir, 'state.json');
    await writeFile(stateFile, (await readFile(stateFile, 'utf8')).replaceAll('"signature": "sig-2"', '"signature": "sig-1"').replaceAll('"mode": "stress"', '"mode": "fuzz"'));
    const url = await freshSchemaUrl();

    await expect(migrateStore(dir, url)).rejects.toThrow(/duplicate key value violates unique constraint "findings_by_signature"/);
    const rows = await withAdmin(url, async (sql) => (await sql<{ n: number }[]>`select (select count(*) from runs) + (select count(*) from results) + (select count(*) from alerts) as n`)[0]?.n);
    expect(Number(rows)).toBe(0);
  });

  it('releases the lowdb store when done, so perflab can open it again', async () => {
    const dir = await tempDir();
    await fillLowdb(dir);

    await migrateStore(dir, await freshSchemaUrl());

    const again = await openStore(dir);
    await again.close();
  });
});
