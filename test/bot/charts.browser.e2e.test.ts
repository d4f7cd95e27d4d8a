// Charts as a person sees them: headless Chromium on the local workspace
// page, the real bot behind it, a store seeded with a case that stepped up.
// An alert posted by the outbox shows its case's chart in its thread;
// `/perflab history` typed in the message box answers with the chart; the
// scheduled digest shows the movers' chart in its thread. Each image must
// have loaded (a broken image has no natural size). Screenshots go to /tmp
// for a person to look at.
import type { Locator, Page } from 'playwright-core';
import { channelMessage, send } from '../helpers/workspace-page.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Run } from '../../src/engine/model.js';
import type { Store } from '../../src/engine/store/store.js';
import { startBotInBrowser, type BotInBrowser } from '../helpers/bot-in-browser.js';
import { seedBaselines, seedRuns } from '../helpers/seed-runs.js';
import { until } from '../helpers/until.js';

const SHOTS = '/tmp/perflab-charts-e2e';
const MACHINE = 'charts-e2e';
const CASE = 'json/parse 1MB';
const HOUR = 3_600_000; // ms

let bot: BotInBrowser | undefined;
let page: Page;

beforeAll(async () => {
  bot = await startBotInBrowser({ machine: MACHINE, viewport: { width: 1280, height: 1400 }, seed: seedStep });
  page = bot.page;
});

afterAll(async () => {
  await bot?.stop();
});

/** 40 days every 8 hours up to an hour ago, 25% slower for the last 3 days, and the alert on the step. */
async function seedStep(store: Store): Promise<void> {
  const now = Date.now() - HOUR;
  const times = Array.from({ length: 120 }, (_, i) => now - (119 - i) * 8 * HOUR);
  const runs = await seedRuns(store, { machine: MACHINE, times, cases: { [CASE]: (i) => ((times[i] ?? 0) > now - 72 * HOUR ? 1_250_000 : 1_000_000) * (1 + 0.004 * Math.sin(i)) } });
  await seedBaselines(store, runs[0]!, [CASE]);
  const stepped = runs.find((r) => Date.parse(r.startedAt) > now - 72 * HOUR) as Run;
  // Stored but not yet posted: the bot's outbox posts it when it starts, chart and all.
  const alert: Alert = { id: 'a-step', runId: stepped.id, commit: stepped.commit, kind: 'regression', caseIds: [CASE], state: 'open', createdAt: stepped.startedAt };
  await store.addAlert(alert);
}

/** What is read of an <img> in the page (tests have no DOM types). */
interface ImageSize {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
}

/** The image's drawn size once it has loaded: a broken image is 0 × 0. */
async function loadedImage(image: Locator): Promise<{ width: number; height: number }> {
  await image.waitFor({ timeout: 30_000 });
  await expect.poll(() => image.evaluate((img: ImageSize) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
  return image.evaluate((img: ImageSize) => ({ width: img.naturalWidth, height: img.naturalHeight }));
}

describe('charts in the local workspace, in a browser', () => {
  it("shows the case's chart in the thread of an alert", async () => {
    const alert = channelMessage(page, 'Performance regression');
    await alert.waitFor({ timeout: 30_000 });
    await alert.getByRole('button', { name: /^\d+ repl(y|ies)$/ }).click({ timeout: 30_000 });

    const image = alert.locator('.thread img[alt="json/parse 1MB: median per run"]');
    expect(await loadedImage(image)).toMatchObject({ width: 900 });
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}-alert-thread.png` });
  });

  it('answers /perflab history typed in the message box with the chart', async () => {
    await send(page, `/perflab history ${CASE}`);

    const answer = channelMessage(page, 'asked for the history of');
    const image = answer.locator('img[alt="History of json/parse 1MB"]');
    expect(await loadedImage(image)).toMatchObject({ width: 900 });
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}-history.png` });
  });

  it("shows the scheduled digest with the movers' chart in its thread", async () => {
    await send(page, '/perflab schedule add "0 9 * * 1" all digest');
    const schedule = await until(async () => (await bot?.store.listSchedules())?.[0], 30_000, 'the schedule');

    bot?.local.bot.scheduler.fire(schedule, new Date());

    const digest = channelMessage(page, 'perflab digest');
    await digest.waitFor({ timeout: 30_000 });
    await expect(digest.textContent()).resolves.toContain('1 regressed');
    await digest.getByRole('button', { name: /^\d+ repl(y|ies)$/ }).click({ timeout: 30_000 });
    const image = digest.locator('.thread img[alt^="Biggest movers"]');
    expect(await loadedImage(image)).toMatchObject({ width: 900 });
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}-digest.png` });
  });
});
