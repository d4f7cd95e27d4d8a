// Each verdict from a real scenario in a real stress pool: servers on
// loopback, a planted leak, a busy loop, a process.exit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../../src/engine/model.js';
import { judgeScenario, type StressJudgement } from '../../../src/modes/stress/judge-scenario.js';
import { listScenarios } from '../../../src/modes/stress/list-scenarios.js';
import { StressPool } from '../../../src/modes/stress/stress-pool.js';
import type { StressScenarioRef } from '../../../src/modes/stress/stress-scenario.js';

const DIR = fileURLToPath(new URL('../../fixtures/stress/', import.meta.url));
const pool = new StressPool();
let scenarios: StressScenarioRef[];
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'perflab-stress-'));
  process.env.PERFLAB_FIXTURE_PORT_FILE = join(scratch, 'port');
  ({ scenarios } = await listScenarios(pool, DIR, () => true));
});

afterAll(() => {
  delete process.env.PERFLAB_FIXTURE_PORT_FILE;
  rmSync(scratch, { recursive: true, force: true });
});

async function stress(name: string): Promise<StressJudgement> {
  const ref = scenarios.find((s) => s.name === name);
  if (!ref) throw new Error(`no fixture scenario ${name}`);
  const { durationMs, hangTimeoutMs } = ref.options;
  const outcome = await pool.run({ file: ref.file, name: ref.name, durationMs, hangTimeoutMs });
  if (outcome.state === 'cancelled') throw new Error('cancelled');
  return judgeScenario(ref, outcome);
}

function stats(result: Result) {
  if (result.state !== 'ok' || !result.stress) throw new Error(`expected stress stats, got ${JSON.stringify(result)}`);
  return result.stress;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('stress verdicts', () => {
  it('passes an HTTP server that keeps its thresholds, with latency, throughput and process samples', async () => {
    const judged = await stress('fast http');
    expect(judged.verdict).toBe('passed');
    expect(judged.findings).toEqual([]);
    const s = stats(judged.result);
    expect(s.requests).toBeGreaterThan(100);
    expect(s.errors).toBe(0);
    expect(s.throughput).toBeGreaterThan(0);
    expect(s.samples.length).toBeGreaterThanOrEqual(1);
    expect(s.samples[0]?.heapBytes).toBeGreaterThan(0);
    expect(s.thresholds.map((t) => t.threshold)).toEqual(['p99 < 500ms', 'errors < 1%', 'heapGrowth < 10MB/min']);
    expect(judged.result.state === 'ok' && judged.result.summary.p99).toBeGreaterThan(0);
  });

  it('fails a threshold and says which, by how much, with the evidence', async () => {
    const judged = await stress('slow http');
    expect(judged.verdict).toBe('threshold-failed');
    expect(judged.findings).toHaveLength(1);
    const [finding] = judged.findings;
    expect(finding).toMatchObject({ mode: 'stress', caseId: 'fixture/slow http', kind: 'threshold-failed', signature: 'fixture/slow http|threshold-failed|latency:p99' });
    expect(finding?.title).toMatch(/p99 < 5ms failed: [\d.]+ ms \(\+\d+% against the limit\)/);
    expect(finding?.evidence).toContain('✗ p99 < 5ms');
    expect(finding?.evidence).toContain('latency p50');
    expect(finding?.evidence).toContain('process samples');
    // Latency counts from the due time: a 20 ms server cannot look faster than 20 ms.
    expect(judged.result.state === 'ok' && judged.result.summary.p50).toBeGreaterThanOrEqual(20e6);
  });

  it('flags a planted leak as leaking', async () => {
    const judged = await stress('leak');
    expect(judged.verdict).toBe('leaking');
    expect(judged.findings[0]).toMatchObject({ kind: 'leaking', signature: 'fixture/leak|leaking|heapGrowth' });
    expect(stats(judged.result).heapGrowthPerMin).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('does not flag the same work without the leak', async () => {
    const judged = await stress('no leak');
    expect(judged.verdict).toBe('passed');
    expect(Math.abs(stats(judged.result).heapGrowthPerMin ?? Infinity)).toBeLessThan(5 * 1024 * 1024);
  });

  it('flags a worker whose event loop stops as hung, and stops it', async () => {
    const judged = await stress('hangs');
    expect(judged.verdict).toBe('hung');
    expect(judged.result).toMatchObject({ state: 'errored', error: { code: 'PERFLAB_E_STRESS_HUNG' } });
    expect(judged.findings[0]?.title).toBe('fixture/hangs hung during load');
    expect(judged.findings[0]?.evidence).toMatch(/no heartbeat from the worker for [\d.]+ s during load/);
  });

  it('flags a worker that exits as crashed', async () => {
    const judged = await stress('crashes');
    expect(judged.verdict).toBe('crashed');
    expect(judged.findings[0]).toMatchObject({ kind: 'crashed', signature: 'fixture/crashes|crashed|PERFLAB_E_CASE_EXITED' });
    expect(judged.findings[0]?.title).toContain('exit code 7');
  });

  it('flags a worker killed by an unhandled rejection as crashed, with the reason', async () => {
    const judged = await stress('rejects unhandled');
    expect(judged.verdict).toBe('crashed');
    expect(judged.findings[0]?.title).toContain('nobody catches me');
  });

  it.each([
    ['unreachable', 'PERFLAB_E_STRESS_TARGET', 'target http://127.0.0.1:1/ is unreachable: ECONNREFUSED'],
    ['setup throws', 'PERFLAB_E_STRESS_SETUP', 'setup threw Error: no database'],
    ['not loopback', 'PERFLAB_E_STRESS_TARGET', '192.0.2.10 is not loopback'],
  ])('reports a broken scenario (%s) as errored with the reason', async (name, code, message) => {
    const judged = await stress(name);
    expect(judged.verdict).toBe('errored');
    expect(judged.result).toMatchObject({ state: 'errored', error: { code } });
    expect(judged.result.state === 'errored' && judged.result.error.message).toContain(message);
    expect(judged.findings[0]?.kind).toBe('errored');
  });

  it('leaves no server behind when setup throws after listening', async () => {
    const judged = await stress('setup listens then throws');
    expect(judged.verdict).toBe('errored');
    const port = Number(readFileSync(join(scratch, 'port'), 'utf8'));
    expect(port).toBeGreaterThan(0);
    expect(await portIsFree(port)).toBe(true);
  });
});
