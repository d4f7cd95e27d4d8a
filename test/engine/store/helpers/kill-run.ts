// THE KILL TEST (DESIGN §11), for either store: killing perflab at any moment
// loses no write it reported as done, duplicates nothing, leaves no file that
// fails to parse, posts no alert twice, and leaves every job done,
// interrupted and queued again, or still queued. A child process loops
// through every kind of write (fixtures/kill-loop.ts), printing a line after
// each one resolves; the parent SIGKILLs it at a random moment, reopens the
// store and checks everything printed so far. The next child carries on with
// the same store, as a restarted perflab would.
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { Outbox } from '../../../../src/engine/alert/outbox.js';
import type { Alert, Run } from '../../../../src/engine/model.js';
import type { Store } from '../../../../src/engine/store/store.js';
import { fileNotifier, postedIds } from '../../../helpers/file-notifier.js';
import { KILL_CASES as CASES, KILL_LEASE_MS, KILL_MACHINE as MACHINE, settleJobs } from '../fixtures/kill-jobs.js';
import { bundleFixture, spawnScript, stdoutLines, waitForExit, waitForLine } from './child.js';
import { expectEveryFileParses } from './store-files.js';

const MIN_DELAY = 20; // ms after the child reports the store open
const MAX_DELAY = 300; // ms
const AHEAD = 3;

/** Everything the children reported as written, over all iterations. */
interface Reported {
  begun: Set<string>;
  recorded: Set<string>;
  finished: Set<string>;
  accepted: Array<{ caseId: string; runId: string }>;
  alerted: Set<string>;
  transitioned: Set<string>;
  posted: Set<string>;
  submitted: Set<string>;
  done: Set<string>;
}

export interface KillPlace {
  /** What the child is given: a directory or a postgres:// URL. */
  where: string;
  open(): Promise<Store>;
  /** Done with an opened store. Default: close it (lowdb: the next child takes the lock). */
  release?(store: Store): Promise<void>;
  /** lowdb: the directory whose files must all parse. */
  files?: string;
}

export async function killRepeatedly(place: KillPlace, posts: string, iterations: number): Promise<void> {
  const script = await bundleFixture('kill-loop.ts');
  try {
    await killAndCheck(place, script, posts, iterations);
  } finally {
    await rm(script, { force: true });
  }
}

async function killAndCheck(place: KillPlace, script: string, posts: string, iterations: number): Promise<void> {
  const reported: Reported = { begun: new Set(), recorded: new Set(), finished: new Set(), accepted: [], alerted: new Set(), transitioned: new Set(), posted: new Set(), submitted: new Set(), done: new Set() };
  const lastLines: string[] = [];
  const spawnChild = (iteration: number) => {
    const child = spawnScript(script, [place.where, `c${iteration}`, posts]);
    return { child, output: stdoutLines(child) };
  };
  // Children start AHEAD children early: loading modules takes seconds on a busy machine, opening the store does not.
  const waiting = Array.from({ length: Math.min(AHEAD, iterations) }, (_, i) => spawnChild(i));

  for (let iteration = 0; iteration < iterations; iteration++) {
    const delay = Math.round(MIN_DELAY + Math.random() * (MAX_DELAY - MIN_DELAY));
    const { child, output } = waiting.shift() ?? spawnChild(iteration);
    child.stdin?.write('go\n');
    await waitForLine(child, output, 'ready');
    if (iteration + AHEAD < iterations) waiting.push(spawnChild(iteration + AHEAD));
    await sleep(delay);
    expect(child.exitCode, `child ${iteration} died by itself: ${output.stderr()}`).toBeNull();
    child.kill('SIGKILL');
    await waitForExit(child);

    const before = new Set(reported.recorded);
    const last = collect(output.lines, reported);
    const fresh = [...reported.recorded].filter((runId) => !before.has(runId));
    lastLines.push(last?.split(' ')[0] ?? '');
    const context = `iteration ${iteration}, killed ${delay} ms after ready, last line "${last ?? ''}"`;

    const store = await place.open(); // lowdb: takes over the dead child's lock
    try {
      if (place.files) await expectEveryFileParses(place.files, context);
      const seen = await read(store);
      await expectReportedWrites(store, seen, reported, fresh, context);
      expectNothingTwice(seen, posts, context);
      await expectJobsAccountedFor(store, reported, context);
    } finally {
      await (place.release ?? ((opened) => opened.close()))(store);
    }
  }

  // What a last restart does, then nothing may be left half done: every alert posted once, every job ended.
  const store = await place.open();
  try {
    await sleep(KILL_LEASE_MS + 50);
    const outbox = new Outbox(store, fileNotifier(posts), { holder: 'parent', claimMs: KILL_LEASE_MS });
    await outbox.resume();
    const alerts = await store.listAlerts();
    expect(alerts.filter((alert) => alert.delivery?.state !== 'posted').map((alert) => alert.id), 'alerts not posted at the end').toEqual([]);
    expect(postedIds(posts).sort(), 'posts at the end').toEqual(alerts.map((alert) => alert.id).sort());
    await settleJobs(store);
    await expectJobsAccountedFor(store, reported, 'at the end', true);
  } finally {
    await (place.release ?? ((opened) => opened.close()))(store);
  }

  // The kills must have landed inside each kind of step now and then, or the test proved little.
  expect(reported.finished.size).toBeGreaterThan(iterations / 2);
  const landed = new Set(lastLines);
  expect(landed.has('begun') || landed.has('recorded'), `a kill inside a run: ${[...landed].join(', ')}`).toBe(true);
  expect(landed.size, `kills after different kinds of step: ${[...landed].join(', ')}`).toBeGreaterThanOrEqual(4);
}

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
    else if (what === 'posted') reported.posted.add(a);
    else if (what === 'submitted') reported.submitted.add(a);
    else if (what === 'done') reported.done.add(a);
  }
  return lines.at(-1);
}

/** What the checks look at, read once per kill: they cover everything reported so far, every time, and must not grow into minutes. */
interface Seen {
  runs: Run[];
  history: Map<string, string[]>;
  baselines: Map<string, string[]>;
  accepts: string[];
  alerts: Alert[];
}

async function read(store: Store): Promise<Seen> {
  const history = new Map<string, string[]>();
  const baselines = new Map<string, string[]>();
  for (const caseId of CASES) {
    history.set(caseId, (await store.history(caseId)).map((entry) => entry.runId));
    baselines.set(caseId, (await store.baselineHistory(caseId, MACHINE)).map((b) => b.runId));
  }
  const accepts = (await store.listAudit()).filter((e) => e.action === 'baseline.accept').map((e) => String(e.args.runId));
  return { runs: await store.listRuns(), history, baselines, accepts, alerts: await store.listAlerts() };
}

/** `fresh`: runs whose results the last child reported recorded (their full results are read; every run's history is). */
async function expectReportedWrites(store: Store, seen: Seen, reported: Reported, fresh: readonly string[], context: string): Promise<void> {
  const runs = new Map(seen.runs.map((run) => [run.id, run]));
  for (const runId of reported.begun) expect(runs.get(runId), `run ${runId} (${context})`).toBeDefined();
  for (const runId of fresh) {
    expect((await store.runResults(runId)).map((r) => r.result.caseId).sort(), `results of ${runId} (${context})`).toEqual(CASES);
  }
  for (const runId of reported.finished) expect(runs.get(runId)?.finishedAt, `run ${runId} (${context})`).not.toBeNull();
  for (const runId of reported.recorded) {
    for (const caseId of CASES) expect(seen.history.get(caseId), `history of ${caseId} (${context})`).toContain(runId);
  }

  const audited = new Set(seen.accepts);
  for (const { caseId, runId } of reported.accepted) {
    expect(seen.baselines.get(caseId), `baselines of ${caseId} (${context})`).toContain(runId);
    expect(audited.has(runId), `audit of accepting ${runId} (${context})`).toBe(true);
  }
  const alerts = new Map(seen.alerts.map((alert) => [alert.id, alert]));
  for (const alertId of reported.alerted) expect(alerts.get(alertId), `${alertId} (${context})`).toBeDefined();
  for (const alertId of reported.transitioned) expect(alerts.get(alertId)?.state, `${alertId} (${context})`).toBe('accepted');
  for (const alertId of reported.posted) expect(alerts.get(alertId)?.delivery?.state, `delivery of ${alertId} (${context})`).toBe('posted');

  // What the write order promises beyond what was printed: a finished run has
  // its history (so its results: recordResults writes both at once), and no baseline was accepted without an audit event.
  for (const run of seen.runs) {
    if (run.finishedAt === null) continue;
    for (const caseId of CASES) expect(seen.history.get(caseId), `history of finished run ${run.id} (${context})`).toContain(run.id);
  }
  for (const caseId of CASES) {
    for (const runId of seen.baselines.get(caseId) ?? []) expect(audited.has(runId), `audit of ${runId} (${context})`).toBe(true);
  }
}

function expectNothingTwice(seen: Seen, posts: string, context: string): void {
  const twice = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
  expect(twice(seen.runs.map((run) => run.id)), `runs (${context})`).toEqual([]);
  for (const caseId of CASES) {
    expect(twice(seen.history.get(caseId) ?? []), `history of ${caseId} (${context})`).toEqual([]);
    expect(twice(seen.baselines.get(caseId) ?? []), `baselines of ${caseId} (${context})`).toEqual([]);
  }
  expect(twice(seen.accepts), `audit (${context})`).toEqual([]);
  expect(twice(seen.alerts.map((alert) => alert.id)), `alerts (${context})`).toEqual([]);
  expect(twice(postedIds(posts)), `alerts posted twice (${context})`).toEqual([]);
}

/**
 * Every job is done, interrupted and queued again (or already restarted
 * once), queued, or — cut off just now — running (the next start interrupts
 * it). `ended`: after a last start, nothing may be queued or running.
 */
async function expectJobsAccountedFor(store: Store, reported: Reported, context: string, ended = false): Promise<void> {
  const jobs = await store.listJobs();
  const byId = new Map(jobs.map((job) => [job.id, job]));
  expect(byId.size, `job ids (${context})`).toBe(jobs.length);
  for (const id of reported.submitted) expect(byId.has(id), `job ${id} (${context})`).toBe(true);
  for (const id of reported.done) expect(byId.get(id)?.state, `job ${id} (${context})`).toBe('done');
  for (const job of jobs) {
    const what = `job ${job.id} ${job.state} ${job.error ?? ''} (${context})`;
    expect(ended ? ['done', 'interrupted'] : ['done', 'interrupted', 'queued', 'running'], what).toContain(job.state);
    if (job.state !== 'interrupted') continue;
    const again = /queued again as (j-\w+)/.exec(job.error ?? '')?.[1];
    if (again === undefined) expect(job.restarts, what).toBeGreaterThanOrEqual(1);
    else expect(byId.get(again)?.restarts, `${what}: its copy`).toBe(job.restarts + 1);
  }
}
