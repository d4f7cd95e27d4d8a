// THE KILL TEST (DESIGN §11): killing perflab at any moment loses no write it
// reported as done, duplicates nothing, and leaves no file that fails to parse.
// A child process loops through every kind of store write, printing a line
// after each one resolves; the parent SIGKILLs it at a random moment, reopens
// the store (taking over the dead child's lock) and checks everything printed
// so far. The next child carries on with the same store.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { openStore } from '../../../src/engine/store/open-store.js';
import type { Store } from '../../../src/engine/store/store.js';
import { spawnFixture, stdoutLines, waitForExit, waitForLine } from './helpers/child.js';
import { expectEveryFileParses } from './helpers/store-files.js';
import { tempDir } from './helpers/store-fixtures.js';

const ITERATIONS = 30;
const MIN_DELAY = 20; // ms after the child reports the store open
const MAX_DELAY = 300; // ms
const CASES = ['kill/a', 'kill/b', 'kill/c']; // as in fixtures/kill-loop.ts
const MACHINE = 'kill-box';

/** Everything the children reported as written, over all iterations. */
interface Reported {
  begun: Set<string>;
  recorded: Set<string>;
  finished: Set<string>;
  accepted: Array<{ caseId: string; runId: string }>;
  alerted: Set<string>;
  transitioned: Set<string>;
}

it(`a store SIGKILLed at ${ITERATIONS} random moments reopens every time with every reported write and nothing twice`, async () => {
  const dir = await tempDir();
  const reported: Reported = { begun: new Set(), recorded: new Set(), finished: new Set(), accepted: [], alerted: new Set(), transitioned: new Set() };
  let killedMidRun = 0;

  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const delay = Math.round(MIN_DELAY + Math.random() * (MAX_DELAY - MIN_DELAY));
    const child = spawnFixture('kill-loop.ts', [dir, `c${iteration}`]);
    const output = stdoutLines(child);
    await waitForLine(child, output, 'ready');
    await sleep(delay);
    expect(child.exitCode, `child ${iteration} died by itself: ${output.stderr()}`).toBeNull();
    child.kill('SIGKILL');
    await waitForExit(child);

    const last = collect(output.lines, reported);
    if (last?.startsWith('begun') || last?.startsWith('recorded')) killedMidRun++;
    const context = `iteration ${iteration}, killed ${delay} ms after ready, last line "${last ?? ''}"`;

    const store = await openStore(dir); // takes over the dead child's lock
    try {
      await expectEveryFileParses(dir, context);
      await expectReportedWrites(store, reported, context);
      await expectNothingTwice(store, context);
    } finally {
      await store.close();
    }
  }

  // The kills must have landed between the writes of a run now and then, or the test proved little.
  expect(reported.finished.size).toBeGreaterThan(ITERATIONS);
  expect(killedMidRun).toBeGreaterThan(0);
}, 120_000);

/** Adds the child's lines to `reported`; returns its last line. */
function collect(lines: readonly string[], reported: Reported): string | undefined {
  for (const line of lines) {
    const [what = '', a = '', b = ''] = line.split(' ');
    if (what === 'begun') reported.begun.add(a);
    else if (what === 'recorded') reported.recorded.add(a);
    else if (what === 'finished') reported.finished.add(a);
    else if (what === 'accepted') reported.accepted.push({ caseId: a, runId: b });
    else if (what === 'alerted') reported.alerted.add(a);
    else if (what === 'transitioned' && b === 'true') reported.transitioned.add(a);
  }
  return lines.at(-1);
}

async function expectReportedWrites(store: Store, reported: Reported, context: string): Promise<void> {
  for (const runId of reported.begun) expect((await store.getRun(runId)), `run ${runId} (${context})`).toBeDefined();
  for (const runId of reported.recorded) {
    expect((await store.runResults(runId)).map((r) => r.result.caseId).sort(), `results of ${runId} (${context})`).toEqual(CASES);
  }
  for (const runId of reported.finished) expect((await store.getRun(runId))?.finishedAt, `run ${runId} (${context})`).not.toBeNull();
  const history = new Map<string, string[]>();
  for (const caseId of CASES) history.set(caseId, (await store.history(caseId, { machine: MACHINE })).map((entry) => entry.runId));
  for (const runId of reported.recorded) {
    for (const caseId of CASES) expect(history.get(caseId), `history of ${caseId} (${context})`).toContain(runId);
  }

  const audited = new Set((await store.listAudit()).filter((e) => e.action === 'baseline.accept').map((e) => String(e.args.runId)));
  for (const { caseId, runId } of reported.accepted) {
    expect((await store.baselineHistory(caseId, MACHINE)).map((b) => b.runId), `baselines of ${caseId} (${context})`).toContain(runId);
    expect(audited.has(runId), `audit of accepting ${runId} (${context})`).toBe(true);
  }
  for (const alertId of reported.alerted) expect((await store.getAlert(alertId)), `${alertId} (${context})`).toBeDefined();
  for (const alertId of reported.transitioned) expect((await store.getAlert(alertId))?.state, `${alertId} (${context})`).toBe('accepted');

  // What the write order promises beyond what was printed: a finished run has
  // all its results and history, and no baseline was accepted without an audit event.
  for (const run of (await store.listRuns())) {
    if (run.finishedAt === null) continue;
    expect(await store.runResults(run.id), `results of finished run ${run.id} (${context})`).toHaveLength(CASES.length);
    for (const caseId of CASES) expect(history.get(caseId), `history of finished run ${run.id} (${context})`).toContain(run.id);
  }
  for (const caseId of CASES) {
    for (const baseline of (await store.baselineHistory(caseId, MACHINE))) expect(audited.has(baseline.runId), `audit of ${baseline.runId} (${context})`).toBe(true);
  }
}

async function expectNothingTwice(store: Store, context: string): Promise<void> {
  const runIds = (await store.listRuns()).map((run) => run.id);
  expect(new Set(runIds).size, `runs (${context})`).toBe(runIds.length);
  for (const caseId of CASES) {
    const entries = (await store.history(caseId)).map((entry) => entry.runId);
    expect(new Set(entries).size, `history of ${caseId} (${context})`).toBe(entries.length);
    const baselines = (await store.baselineHistory(caseId, MACHINE)).map((b) => b.runId);
    expect(new Set(baselines).size, `baselines of ${caseId} (${context})`).toBe(baselines.length);
  }
  const accepts = (await store.listAudit()).filter((e) => e.action === 'baseline.accept').map((e) => String(e.args.runId));
  expect(new Set(accepts).size, `audit (${context})`).toBe(accepts.length);
  const alertIds = (await store.listAlerts()).map((alert) => alert.id);
  expect(new Set(alertIds).size, `alerts (${context})`).toBe(alertIds.length);
}
