// Alerts from a case's history, end to end: the real Bolt app against the
// local workspace, a real store on disk, a real git repository.
// - A regression that closes itself: the regression is written into the
//   store (a run three times slower, and its alert, posted by the outbox);
//   the next real run measures the case back at its baseline, and the posted
//   message loses its buttons and says so, in the message and its thread.
// - A drift: a history that drifted 1% a commit over five commits, the alert
//   raised by raiseAlerts and posted by the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBot } from '../../src/bot/start-local-bot.js';
import { raiseAlerts } from '../../src/engine/alert/raise-alerts.js';
import type { RecordedResult, Run } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import type { Message } from '../../src/local-workspace/index.js';
import { mulberry32, normals } from '../engine/stats/seeded-random.js';
import { startBotOnSpinRepo } from '../helpers/bot-on-spin-repo.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';

const MACHINE = 'bot-test';
const CASE = 'spin/work';
/** A case known only from its written history. */
const DRIFTING = 'spin/drifting';
const cli = { kind: 'cli' as const, by: 'cli:test' };

let local: LocalBot;
let store: Store;
let stop: () => Promise<void>;

beforeAll(async () => {
  // No canary: on a busy test machine it moves and holds every verdict back, and this is about the case's verdict.
  ({ local, store, stop } = await startBotOnSpinRepo({ machine: MACHINE, canary: false }));
});

afterAll(() => stop());

const text = (m: Message | undefined): string => JSON.stringify(m ?? {});

/** A run of the case three times slower than `like`, confirmed regressed, and its alert as raiseAlerts stores it. */
async function regressedRun(like: RecordedResult): Promise<string> {
  const at = new Date().toISOString();
  const run: Run = { id: `regressed-${Date.now()}`, mode: 'bench', commit: like.commit, dirty: false, machine: MACHINE, trigger: cli, startedAt: at, finishedAt: null, environment: 'ok' };
  if (like.result.state !== 'ok') throw new Error('the baseline run did not measure the case');
  const median = like.result.summary.median * 3;
  await store.beginRun(run);
  await store.recordResults(run.id, [
    {
      ...like,
      runId: run.id,
      recordedAt: at,
      result: { ...like.result, summary: { ...like.result.summary, median } },
      comparison: { caseId: CASE, verdict: 'regressed', reason: 'three times the work', change: { ratio: 3, ciLow: 2.9, ciHigh: 3.1, pValue: 1e-6, method: 'interleaved', runs: 10 } },
      inWindow: false,
    },
  ]);
  await store.finishRun(run.id, { finishedAt: at, environment: 'ok' });
  const [alert] = await raiseAlerts(store, run, { comparisons: [{ caseId: CASE, verdict: 'regressed' }] });
  return alert!.id;
}

describe('a regression alert that closes itself', () => {
  it('is marked fixed when a run measures its case back at the baseline: the message loses its buttons and the thread says where', async () => {
    const { lab } = local.bot;
    const ws = local.workspace;
    // A baseline with a window of its own, so the next run screens against real spread.
    // (idle: a job's last event comes before the queue marks it finished, and the same request would join it.)
    for (let i = 0; i < 3; i++) {
      await lab.run('run', {}, cli);
      await lab.idle();
    }
    const [baselineRun] = await store.listRuns({ limit: 1 });
    const like = (await store.runResults(baselineRun!.id)).find((r) => r.result.caseId === CASE)!;
    const alertId = await regressedRun(like);
    await lab.postPendingAlerts();
    const posted = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('perflab.accept') && text(m).includes('Performance regression')), 30_000);

    const back = await lab.run('run', {}, cli);

    if (back.type !== 'run-finished') throw new Error(`the run ended ${back.type}`);
    expect(back.report.entries[0]?.comparison.verdict).toBe('unchanged');
    const alert = await store.getAlert(alertId);
    expect(alert).toMatchObject({ state: 'fixed', stateBy: 'perflab', fixedIn: { runId: back.report.run.id, commit: back.report.run.commit } });
    const updated = await ws.waitFor(() => ws.messages().find((m) => m.ts === posted.ts && !text(m).includes('perflab.accept')), 30_000);
    expect(text(updated)).toContain('Fixed: measured back at the old level');
    expect(text(updated)).toContain((back.report.run.commit ?? '').slice(0, 10));
    const reply = await ws.waitFor(() => ws.messages().find((m) => m.ts === posted.ts)?.replies.find((r) => r.text?.startsWith('Fixed:')), 30_000);
    expect(reply.text).toContain(back.report.run.id);
    // Updated in place: no second message for the same alert.
    expect(ws.messages().filter((m) => text(m).includes('Performance regression'))).toHaveLength(1);
  }, 180_000);
});

describe('a drift alert in the channel', () => {
  it('is posted once with its sentence, the two levels, the p of the split and the buttons of a regression', async () => {
    const flat = (n: number, level: number) => Array.from({ length: n }, () => level);
    const levels = [...flat(40, 1_000_000), ...[1, 2, 3, 4, 5].map((k) => 1_000_000 * 1.01 ** k), ...flat(15, 1_000_000 * 1.01 ** 5)];
    const normal = normals(mulberry32(11));
    const medians = levels.map((v) => v * (1 + 0.01 * normal()));
    const T0 = Date.parse('2026-11-01T00:00:00Z');
    const runs = await seedRuns(store, { machine: MACHINE, times: levels.map((_, i) => T0 + i * 3_600_000), cases: { [DRIFTING]: (i) => medians[i] as number } });
    await seedBaselines(store, runs[0] as Run, [DRIFTING]);

    const [alert] = await raiseAlerts(store, runs.at(-1) as Run, { comparisons: [{ caseId: DRIFTING, verdict: 'unchanged' }] });
    if (alert?.kind !== 'drift') throw new Error(`expected a drift alert, got ${alert?.kind}`);
    await local.bot.lab.postPendingAlerts();

    const ws = local.workspace;
    const posted = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('Slow drift')), 30_000);
    expect(text(posted)).toContain(alert.drift.summary);
    expect(text(posted)).toContain('Level before → after');
    expect(text(posted)).toContain('p of the split');
    for (const action of ['perflab.accept', 'perflab.investigate', 'perflab.dismiss', 'perflab.rerun']) expect(text(posted)).toContain(action);
    expect((await store.getAlert(alert.id))?.delivery?.state).toBe('posted');

    // Posting again (a restart) posts nothing new.
    await local.bot.lab.postPendingAlerts();
    expect(ws.messages().filter((m) => text(m).includes('Slow drift'))).toHaveLength(1);
  });
});
