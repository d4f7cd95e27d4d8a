// `/perflab stress` end to end: the real Bolt app on the local workspace, a
// real stress pool, scenarios on loopback.
import { until } from '../helpers/until.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { LocalWorkspace, Message } from '../../src/local-workspace/index.js';
import type { LocalBot } from '../../src/bot/start-local-bot.js';
import type { Store } from '../../src/engine/store/store.js';
import { startBotWithStore } from '../helpers/bot-with-store.js';

const SUITES = fileURLToPath(new URL('../fixtures/stress/', import.meta.url));
const ALICE = 'U0ALICE';

let local: LocalBot;
let ws: LocalWorkspace;
let store: Store;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ local, store, stop } = await startBotWithStore({ machine: 'bot-test', suitesDir: SUITES }));
  ws = local.workspace;
});

afterAll(() => stop());

const text = (m: Message | undefined): string => JSON.stringify(m ?? {});

describe('/perflab stress', () => {
  it('updates one message while the scenario runs and puts the verdicts in its thread', async () => {
    await ws.slashCommand(ALICE, 'stress "fixture/fast http" 2s');
    const done = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('Stressed') && (m.replies?.length ?? 0) > 0), 60_000);
    expect(text(done)).toContain('1 passed');
    expect(text(done.replies?.[0])).toMatch(/fixture\/fast http.*passed/);
    expect((await store.listRuns({ limit: 1 }))[0]?.mode).toBe('stress');
  });

  it('posts a finding alert for a failed threshold, and the failure in the thread', async () => {
    await ws.slashCommand(ALICE, 'stress "fixture/slow http" 1s');
    const done = await ws.waitFor(() => ws.messages().find((m) => text(m).includes('threshold-failed') && (m.replies?.length ?? 0) > 0), 60_000);
    expect(text(done.replies?.[0])).toContain('p99 &lt; 5ms failed');
    await until(async () => (await store.listAlerts()).find((a) => a.kind === 'finding' && a.delivery?.state === 'posted'), 30_000);
  });

  it("charts the scenario's p99 and throughput in the alert's thread, and /perflab history answers with the same chart", async () => {
    const alert = (await store.listAlerts()).find((a) => a.kind === 'finding');
    const inThread = await ws.waitFor(() => ws.messages().find((m) => m.ts === alert?.delivery?.ts)?.replies.find((r) => r.files?.length), 30_000);
    expect(inThread.files?.[0]).toMatchObject({ mimetype: 'image/png', title: 'fixture/slow http: p99 and throughput per run' });

    await ws.slashCommand(ALICE, 'stress "fixture/slow http" 1s'); // a second run: a trend to draw
    await until(async () => (await store.listRuns({ limit: 5 })).filter((r) => r.mode === 'stress' && r.finishedAt).length >= 3, 60_000);
    await ws.slashCommand(ALICE, 'history fixture/slow http');

    const answer = await ws.waitFor(() => ws.messages().find((m) => m.files?.some((f) => f.title === 'History of fixture/slow http')), 30_000);
    expect(answer.files?.[0]?.mimetype).toBe('image/png');
    const svg = await local.bot.lab.caseChart('fixture/slow http', { format: 'svg' });
    expect(svg).toContain('p99 latency (ms)');
    expect(svg).toContain('throughput (req/s)');
    expect(svg).toContain('2 runs');
  });
});
