// Builders for the store tests: a temp directory per test, removed after it,
// and domain records with plausible defaults.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Alert, Baseline, RecordedResult, Run } from '../../../../src/engine/model.js';

/** A fresh directory for one test; removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-store-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    mode: 'bench',
    commit: 'c0ffee',
    dirty: false,
    machine: 'ci-1',
    trigger: { kind: 'commit', by: 'git' },
    startedAt: '2024-03-07T10:00:00.000Z',
    finishedAt: null,
    environment: 'ok',
    ...overrides,
  };
}

/** An ok result of `caseId` in `run`, recorded a minute after the run started. */
export function makeResult(run: Run, caseId: string, median: number, overrides: Partial<RecordedResult> = {}): RecordedResult {
  const [suite = caseId, name = caseId] = caseId.split('/');
  return {
    runId: run.id,
    commit: run.commit,
    machine: run.machine,
    recordedAt: new Date(Date.parse(run.startedAt) + 60_000).toISOString(),
    result: {
      caseId,
      suite,
      name,
      mode: 'bench',
      state: 'ok',
      kind: 'function',
      summary: { n: 30, unit: 'ns', direction: 'lower', median, mad: 1, mean: median, cv: 0.01, min: median - 2, max: median + 2, p50: median, p90: median + 1, p99: median + 2 },
      samples: 'AAECAwQ=',
      batch: 100,
    },
    comparison: { caseId, verdict: 'unchanged', reason: 'within noise' },
    inWindow: true,
    ...overrides,
  };
}

export function makeBaseline(overrides: Partial<Baseline> = {}): Baseline {
  return {
    caseId: 'parse/json',
    machine: 'ci-1',
    runId: 'run-1',
    commit: 'c0ffee',
    median: 100,
    unit: 'ns',
    acceptedBy: 'slack:U1',
    acceptedAt: '2024-03-07T11:00:00.000Z',
    reason: 'expected: new parser',
    ...overrides,
  };
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    runId: 'run-1',
    commit: 'c0ffee',
    kind: 'regression',
    caseIds: ['parse/json'],
    state: 'open',
    createdAt: '2024-03-07T11:00:00.000Z',
    ...overrides,
    // A test may set any alert's fields, whatever its kind.
  } as Alert;
}
