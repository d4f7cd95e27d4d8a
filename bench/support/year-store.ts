// A busy lab's store generated straight into the schema 3 layout (DESIGN §9):
// 200 cases × 50 runs a day, every run recording all 200 cases, a baseline
// per case accepted once a month, an alert a day. Shared by store.bench.ts
// (how the store scales) and report.bench.ts (`perflab report` end to end).
//
// Generated with the store's own layout functions, because recording 55 000
// runs through the API would take longer than the point is worth. Results
// files (full results with samples) are not generated for the past: each is
// one run's own file, which neither benchmark reads.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Alert, AuditEvent, Baseline, Job, Run } from '../../src/engine/model.js';
import { SCHEMA_VERSION } from '../../src/engine/store/migrations.js';
import { emptyState, type StateFile } from '../../src/engine/store/state-file.js';
import type { HistoryEntry } from '../../src/engine/store/store.js';
import type { StoreLayout } from '../../src/engine/store/store-layout.js';
import { progress } from './bench-report.js';

export const CASES = 200;
export const RUNS_PER_DAY = 50;
export const SAMPLES = 100; // per result
export const MACHINE = 'bench-box';
const DAY = 86_400_000; // ms

export const caseIds = Array.from({ length: CASES }, (_, i) => `suite-${Math.floor(i / 20)}/case-${i % 20}`);

/** A run id as `newRunId` makes them: its start time, then a suffix. */
function runId(startedAt: string, suffix: number): string {
  return `${startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${suffix.toString(16).padStart(6, '0')}`;
}

export function runAt(ms: number, suffix: number): Run {
  const startedAt = new Date(ms).toISOString();
  return {
    id: runId(startedAt, suffix),
    mode: 'bench',
    commit: hex40(suffix + ms),
    dirty: false,
    machine: MACHINE,
    trigger: { kind: 'commit', by: 'git' },
    startedAt,
    finishedAt: null,
    environment: 'ok',
  };
}

export function hex40(n: number): string {
  return (n.toString(16).padStart(12, '0') + 'a1b2c3d4').repeat(3).slice(0, 40);
}

/** Case k of a run is recorded 5 min + k s after the run starts. */
export function recordedAt(run: Run, k: number): string {
  return new Date(Date.parse(run.startedAt) + 5 * 60_000 + k * 1000).toISOString();
}

export function medianFor(run: Run, k: number): number {
  return 1000 + k + (Date.parse(run.startedAt) % 997) / 10;
}

function historyEntry(run: Run, k: number): HistoryEntry {
  return { runId: run.id, commit: run.commit, machine: MACHINE, at: recordedAt(run, k), state: 'ok', median: medianFor(run, k), cv: 0.0121, n: SAMPLES, unit: 'ns', verdict: 'unchanged', inWindow: true };
}

const lines = (records: readonly unknown[]): string => records.map((record) => `${JSON.stringify(record)}\n`).join('');

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

export interface Generated {
  runs: number;
  entries: number;
  months: string[];
  /** A run of the first month, for `getRun` of an old id. */
  oldRunId: string;
  lastDay: string;
}

/** Month names (`YYYY-MM`), oldest first: `count` months ending with the month of `last`. */
export function monthsEnding(last: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - (count - 1 - i), 1));
    return at.toISOString().slice(0, 7);
  });
}

/**
 * The busy lab over `months` (oldest first, consecutive), in schema 3's
 * layout; with `until`, no run starts after that instant (a store that ends
 * today rather than at the end of its month).
 */
export async function generateYearStore(layout: StoreLayout, wanted: readonly string[], until = Infinity): Promise<Generated> {
  const months: string[] = [];
  let runs = 0;
  let entries = 0;
  let oldRunId = '';
  const replaced = new Map<string, Baseline[]>(); // per case
  let current: Baseline[] = [];
  let lastDay = '';
  for (const month of wanted) {
    {
      const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
      months.push(month);
      const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      const monthRuns: Run[] = [];
      for (let day = 1; day <= days; day++) {
        for (let slot = 0; slot < RUNS_PER_DAY; slot++) {
          const at = Date.UTC(year, m, day) + (slot * DAY) / RUNS_PER_DAY;
          if (at <= until) monthRuns.push(runAt(at, slot));
        }
        if (Date.UTC(year, m, day) <= until) lastDay = `${month}-${String(day).padStart(2, '0')}`;
      }
      oldRunId ||= monthRuns[0]?.id ?? '';
      runs += monthRuns.length;
      // Two lines a run, as the store writes them: begun, then finished.
      const finished = (run: Run): Run => ({ ...run, finishedAt: new Date(Date.parse(run.startedAt) + 20 * 60_000).toISOString() });
      await writeText(layout.runsFile(month), lines(monthRuns.flatMap((run) => [run, finished(run)])));
      for (let k = 0; k < CASES; k++) {
        await writeText(layout.historyFile(month, caseIds[k] ?? ''), lines(monthRuns.map((run) => historyEntry(run, k))));
        entries += monthRuns.length;
      }

      // A baseline per case accepted once a month (audited); the month's earlier one is replaced.
      const audit: AuditEvent[] = [];
      const accepted = caseIds.map((caseId, k): Baseline => {
        const run = monthRuns[k % RUNS_PER_DAY] as Run;
        return { caseId, machine: MACHINE, runId: run.id, commit: run.commit, median: medianFor(run, k), unit: 'ns', acceptedBy: 'slack:U0BENCH', acceptedAt: finished(run).finishedAt ?? run.startedAt, reason: 'expected change' };
      });
      for (const baseline of accepted) audit.push({ at: baseline.acceptedAt, actor: baseline.acceptedBy, action: 'baseline.accept', args: { caseId: baseline.caseId, machine: MACHINE, runId: baseline.runId, reason: baseline.reason } });
      for (const old of current) replaced.set(old.caseId, [...(replaced.get(old.caseId) ?? []), old]);
      current = accepted;
      // An alert a day, dismissed (closed alerts live in the archive).
      const alerts: Alert[] = [];
      for (let day = 0; day < days; day++) {
        const run = monthRuns[day * RUNS_PER_DAY + 7];
        if (!run) break; // past `until`
        alerts.push({ id: `${run.id}-regression`, runId: run.id, commit: run.commit, kind: 'regression', caseIds: [caseIds[day % CASES] ?? ''], state: 'dismissed', createdAt: run.startedAt, stateBy: 'slack:U0BENCH', stateAt: run.startedAt, delivery: { state: 'posted', attempts: 1, channel: 'C0PERF', ts: '1700000000.000100' } });
        audit.push({ at: run.startedAt, actor: 'slack:U0BENCH', action: 'alert.dismiss', args: { alertId: `${run.id}-regression` } });
      }
      await writeText(layout.alertsFile(month), lines(alerts));
      await writeText(layout.auditFile(month), lines(audit.sort((a, b) => a.at.localeCompare(b.at))));
      progress(`  generated ${month}`);
    }
  }
  for (const [caseId, list] of replaced) await writeText(layout.baselinesFile(caseId), lines(list));

  // What state.json holds in a busy lab: current baselines, the alerts still open, schedules, the job queue's tail, cursors.
  const recent = months.at(-1) ?? '';
  const openAlerts: Alert[] = [0, 1, 2].map((i) => ({ id: `open-${i}`, runId: `run-${i}`, commit: hex40(i), kind: 'regression', caseIds: [caseIds[i] ?? ''], state: 'open', createdAt: `${recent}-2${i}T10:00:00.000Z` }));
  const jobs: Job[] = Array.from({ length: 100 }, (_, i) => ({ id: `job-${i}`, kind: 'commit', description: `commit ${hex40(i).slice(0, 12)}`, trigger: { kind: 'commit', by: 'git' }, request: { commit: hex40(i) }, priority: 0, dedupeKey: `commit ${hex40(i)}`, state: 'done', createdAt: `${recent}-28T10:00:00.000Z`, finishedAt: `${recent}-28T10:20:00.000Z`, restarts: 0 }));
  const state: StateFile = {
    ...emptyState(SCHEMA_VERSION),
    baselines: current,
    alerts: openAlerts,
    schedules: [{ id: 'nightly', cron: '0 3 * * *', timezone: 'UTC', pattern: '*', mode: 'bench', createdBy: 'slack:U0BENCH', createdAt: `${months[0] ?? ''}-01T00:00:00.000Z`, source: 'store' }],
    jobs,
    cursors: [{ repo: 'git@example.com:app.git', branch: 'main', commit: hex40(7), at: `${recent}-28T10:00:00.000Z` }],
  };
  await writeText(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return { runs, entries, months, oldRunId, lastDay };
}
