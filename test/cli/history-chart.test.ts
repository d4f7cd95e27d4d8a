// `perflab history <case> --chart FILE` and the change points it marks: a
// real process on a real store seeded with a case whose level steps up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Run } from '../../src/engine/model.js';
import { openStore } from '../../src/engine/store/open-store.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
const CASE = 'json/parse 1MB';
const HOUR = 3_600_000; // ms
const STEP_AT = 12;
const SCENARIO = 'http/get';

let dir: string;
let runs: Run[];

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(dir, 'store'), PERFLAB_MACHINE: 'cli-test', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-history-chart-'));
  const store = await openStore(join(dir, 'store'));
  const times = Array.from({ length: 24 }, (_, i) => Date.UTC(2025, 2, 3) + i * HOUR);
  // 1 ms ± 0.4%, then 30% slower from run 12 on.
  runs = await seedRuns(store, { machine: 'cli-test', times, cases: { [CASE]: (i) => 1_000_000 * (i >= STEP_AT ? 1.3 : 1) * (i % 2 ? 1.004 : 0.996) } });
  await seedBaselines(store, runs[0]!, [CASE]);
  // A stress scenario: its p99 (ns) and throughput are series of their own.
  await seedRuns(store, { machine: 'cli-test', times: times.slice(0, 6), cases: { [SCENARIO]: () => 2_000_000, [`${SCENARIO}:p99`]: (i) => 4_000_000 + i * 100_000, [`${SCENARIO}:throughput`]: (i) => 900 + i } });
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflab history --chart', () => {
  it('writes a PNG 900 px wide when the file ends in .png, and still prints the table', () => {
    const file = join(dir, 'chart.png');
    const r = perflab('history', CASE, '--chart', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(900); // IHDR width
    expect(r.stdout).toContain(runs[STEP_AT]!.id);
  });

  it('writes an SVG naming the case when the file ends in .svg, and marks where the level moved in the JSON', () => {
    const file = join(dir, 'chart.svg');
    const r = perflab('history', CASE, '--chart', file, '--json');
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(CASE);
    const { entries } = JSON.parse(r.stdout) as { entries: { runId: string; changePoint?: true; change?: number }[] };
    const marked = entries.filter((e) => e.changePoint);
    expect(marked.map((e) => e.runId)).toEqual([runs[STEP_AT]!.id]);
    expect(marked[0]?.change).toBeCloseTo(1.3, 2);
  });

  it("draws a stress scenario's p99 and throughput per run", () => {
    const file = join(dir, 'stress.svg');
    const r = perflab('history', SCENARIO, '--chart', file);
    expect(r.code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('p99 latency (ms)');
    expect(svg).toContain('throughput (req/s)');
    expect(svg).toContain('6 runs');
  });

  it('exits 2 on any other extension, naming the accepted ones', () => {
    const r = perflab('history', CASE, '--chart', join(dir, 'chart.gif'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not end in .png or .svg');
  });
});
