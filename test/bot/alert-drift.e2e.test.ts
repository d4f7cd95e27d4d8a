// A drift alert as the channel sees it: the real Bolt app against the local
// workspace, a real store with a history that drifted 1% a commit over five
// commits, the alert raised by raiseAlerts and posted by the outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBot, type LocalBot } from '../../src/bot/start-local-bot.js';
import { raiseAlerts } from '../../src/engine/alert/raise-alerts.js';
import type { Run } from '../../src/engine/model.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import type { Message } from '../../src/local-workspace/index.js';
import { mulberry32, normals } from '../engine/stats/seeded-random.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const MACHINE = 'bot-test';
const CASE = 'spin/work';

let local: LocalBot;
let store: Store;
let repo: TempRepo;
let storeDir: string;

beforeAll(async () => {
  repo = tempRepo();
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('spin');
  storeDir = mkdtempSync(join(tmpdir(), 'perflab-drift-'));
  store = await openStore(storeDir);
  local = await startLocalBot({ store, machine: MACHINE, suitesDir: join(repo.dir, 'suites'), repo: repo.dir, canary: false });
});

afterAll(async () => {
  await local.stop();
  await store.close();
  repo.remove();
  rmSync(storeDir, { recursive: true, force: true });
});

const text = (m: Message | undefined): string => JSON.stringify(m ?? {});

describe('a drift alert in the channel', () => {
  it('is posted once with its sentence, the two levels, the p of the split and the buttons of a regression', async () => {
    const flat = (n: number, level: number) => Array.from({ length: n }, () => level);
    const levels = [...flat(40, 1_000_000), ...[1, 2, 3, 4, 5].map((k) => 1_000_000 * 1.01 ** k), ...flat(15, 1_000_000 * 1.01 ** 5)];
    const normal = normals(mulberry32(11));
    const medians = levels.map((v) => v * (1 + 0.01 * normal()));
    const T0 = Date.parse('2026-11-01T00:00:00Z');
    const runs = await seedRuns(store, { machine: MACHINE, times: levels.map((_, i) => T0 + i * 3_600_000), cases: { [CASE]: (i) => medians[i] as number } });
    await seedBaselines(store, runs[0] as Run, [CASE]);

    const [alert] = await raiseAlerts(store, runs.at(-1) as Run, { comparisons: [{ caseId: CASE, verdict: 'unchanged' }] });
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
