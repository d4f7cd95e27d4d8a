// `perflab digest`: what the scheduled digest posts, printed — a real
// process on a real store where one case stepped up three days ago.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/engine/store/open-store.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const HOUR = 3_600_000; // ms

let dir: string;

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(dir, 'store'), PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-digest-cli-'));
  const store = await openStore(join(dir, 'store'));
  // 40 days of runs every 8 hours up to an hour ago; `json/parse` 25% slower for the last 3 days.
  const now = Date.now() - HOUR;
  const times = Array.from({ length: 120 }, (_, i) => now - (119 - i) * 8 * HOUR);
  const stepAt = now - 3 * 24 * HOUR;
  const runs = await seedRuns(store, {
    machine: 'cli-test',
    times,
    cases: { 'json/parse': (i) => ((times[i] ?? 0) > stepAt ? 1250 : 1000) * (1 + 0.002 * (i % 5)), 'csv/parse': (i) => 500 * (1 + 0.002 * (i % 5)) },
  });
  await seedBaselines(store, runs[0]!, ['json/parse', 'csv/parse']);
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflab digest', () => {
  it('prints the cases that moved against a week, a month and a year ago, and draws their chart', () => {
    const file = join(dir, 'movers.png');

    const r = perflab('digest', '--chart', file);

    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 regressed against a week, month, year ago, of 2 cases.');
    expect(r.stdout).toMatch(/json\/parse .*\+25\.\d% .*▲/);
    expect(r.stdout).not.toContain('csv/parse');
    expect(r.stdout).toContain('no data that far back');
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(900); // IHDR width
  });

  it('writes JSON with the movers as perflab report --json writes cases, and says when nothing moved', () => {
    const moved = perflab('digest', '--json');
    const quiet = perflab('digest', '--filter', 'csv/*', '--chart', join(dir, 'none.png'));

    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ cases: 2, regressed: 1, improved: 0, notShown: 0, report: { points: [{ label: 'week' }, { label: 'month' }, { label: 'year' }], cases: [{ caseId: 'json/parse' }] } });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('No case moved against a week, month, year ago (1 case matching "csv/*").');
    expect(quiet.stdout).toContain('no chart was written');
  });
});
