// `perflab report` as a user runs it: a real process on a real store seeded
// with a year of history, and a real git repository for `--vs <ref>`. Its
// numbers are recomputed here from what `perflab history --json` prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiffReportJson } from '../../src/engine/report/diff-report-json.js';
import { openStore } from '../../src/engine/store/open-store.js';
import { mannWhitneyU } from '../../src/engine/stats/mann-whitney.js';
import { ratioCi } from '../../src/engine/stats/ratio-ci.js';
import { mulberry32, normals } from '../engine/stats/seeded-random.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const DAY = 86_400_000; // ms
const CASES = ['json/parse 1MB', 'lru/get'];

let repo: TempRepo;
let store: string;
let commits: string[];

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, PERFLAB_STORE: store, PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Hourly for the last 10 days, daily back to 40 days, weekly back to 400; `json/parse 1MB` is 10% slower for the last 3 days. */
function runTimes(now: number): number[] {
  const ago = [...Array.from({ length: 52 }, (_, w) => 400 - 7 * w), ...Array.from({ length: 30 }, (_, d) => 40 - d), ...Array.from({ length: 240 }, (_, h) => 10 - h / 24)];
  return ago.filter((days) => days > 0).map((days) => now - days * DAY);
}

beforeAll(async () => {
  repo = tempRepo();
  repo.write('suites/spin.ts', spinSuite(1));
  commits = [repo.commit('first')];
  for (const name of ['second', 'third']) {
    repo.write('suites/notes.md', `the ${name} commit`);
    commits.push(repo.commit(name));
  }
  store = mkdtempSync(join(tmpdir(), 'perflab-report-store-'));
  const now = Date.now();
  const times = runTimes(now);
  const noise = normals(mulberry32(5));
  const opened = await openStore(store);
  // The last 20 runs are of the third commit, the 20 before of the second.
  const commitOf = (i: number) => commits[i >= times.length - 20 ? 2 : i >= times.length - 40 ? 1 : 0] as string;
  const runs = await seedRuns(opened, {
    machine: 'cli-test',
    times,
    commitOf,
    cases: {
      'json/parse 1MB': (i) => 1_200_000 * (now - (times[i] as number) < 3 * DAY ? 1.1 : 1) * Math.exp(0.01 * noise()),
      'lru/get': () => 85 * Math.exp(0.02 * noise()),
    },
  });
  await seedBaselines(opened, runs[0]!, CASES);
  await opened.close();
});

afterAll(() => {
  repo.remove();
  rmSync(store, { recursive: true, force: true });
});

interface Listed {
  runId: string;
  commit: string | null;
  at: string;
  state: string;
  median?: number;
}

/** One cell by the rule documented in diff-report-json.ts and diff-cell.ts, from the listed runs alone. */
function recompute(entries: readonly Listed[], point: DiffReportJson['points'][number], now: string, window: number, alpha: number) {
  const runs = entries.filter((e) => e.state === 'ok' && (e.median ?? 0) > 0) as (Listed & { median: number })[];
  const last = runs.length - 1;
  const lastWhere = (test: (r: Listed) => boolean) => runs.reduce((found, r, i) => (test(r) ? i : found), -1);
  const j =
    point.kind === 'previous' ? last - 1 : point.kind === 'commit' ? lastWhere((r) => r.commit === point.commit) : lastWhere((r) => Date.parse(r.at) <= Date.parse(point.at as string));
  if (j < 0) return { mark: 'no-data' };
  const latestFrom = Math.max(j + 1, last - window + 1);
  const from = Math.max(0, Math.min(j - Math.floor((window - 1) / 2), latestFrom - window));
  const latest = runs.slice(latestFrom, last + 1).map((r) => r.median);
  const around = runs.slice(from, Math.min(latestFrom, from + window)).map((r) => r.median);
  const { ratio, ciLow, ciHigh } = ratioCi(around, latest, 1 - alpha);
  const { pValue } = mannWhitneyU(latest, around, 'two-sided');
  expect(Date.parse(now)).toBeGreaterThan(Date.parse(runs[last]!.at));
  return { runId: runs[j]!.runId, ratio, ciLow, ciHigh, pValue, runs: { latest: latest.length, point: around.length } };
}

describe('perflab report', () => {
  it('agrees with the numbers recomputed from perflab history --json, for every kind of point', () => {
    const date = new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10);
    const r = perflab('report', '--json', '--vs', 'previous', '--vs', 'week', '--vs', 'year', '--vs', date, '--vs', 'HEAD~1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiffReportJson;
    expect(report.points.map((p) => p.label)).toEqual(['previous', 'week', 'year', date, 'HEAD~1']);
    expect(report.points[4]?.commit).toBe(commits[1]);

    for (const caseId of CASES) {
      const history = perflab('history', caseId, '--json', '--limit', '100000');
      const { entries } = JSON.parse(history.stdout) as { entries: Listed[] };
      const reported = report.cases.find((c) => c.caseId === caseId)!;
      expect(reported.latest?.runId).toBe(entries.at(-1)?.runId);
      report.points.forEach((point, i) => {
        const cell = reported.cells[i]!;
        const expected = recompute(entries, point, report.now, report.window, report.alpha);
        expect({ runId: cell.run?.runId, ratio: cell.ratio, ciLow: cell.ciLow, ciHigh: cell.ciHigh, pValue: cell.pValue, runs: cell.runs }, `${caseId} vs ${point.label}`).toEqual(expected);
      });
    }
    // The planted +10% shows against a week and a year ago, and nothing moved in lru/get.
    const json = report.cases.find((c) => c.caseId === 'json/parse 1MB')!;
    expect(json.cells.map((c) => c.mark)).toEqual(['insufficient', 'regressed', 'regressed', 'regressed', 'unchanged']);
    expect(report.cases[0]?.caseId).toBe('json/parse 1MB'); // the biggest change first
    expect(report.cases.find((c) => c.caseId === 'lru/get')!.cells.filter((c) => c.mark === 'regressed' || c.mark === 'improved')).toEqual([]);
  });

  it('compares with all five points by default and writes Markdown for a CI summary', () => {
    const file = join(store, 'report.md');
    const r = perflab('report', '--filter', 'json/*', '--markdown', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vs previous.*vs day.*vs week.*vs month.*vs year/);
    expect(r.stdout).toContain('json/parse 1MB');
    expect(r.stdout).not.toContain('lru/get');
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('**1 case(s) regressed**');
    expect(markdown).toContain('| json/parse 1MB |');
  });

  it('exits 2 on a --vs that is none of the accepted forms, naming them', () => {
    const r = perflab('report', '--vs', 'fortnight ago');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('previous, day, week, month, year, an ISO date');
  });

  it('exits 2 on a ref git does not know', () => {
    const r = perflab('report', '--vs', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown revision "no-such-branch"');
  });
});
