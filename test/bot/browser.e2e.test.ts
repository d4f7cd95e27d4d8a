// The real perflab bot on the local workspace, driven the way a newcomer uses
// it: headless Chromium on the workspace page, alice picked as "you", commands
// typed in the message box, the regression alert's button clicked and its
// confirmation dialog answered. Only the final check reads the store.
import type { Page } from 'playwright-core';
import { channelMessage, send } from '../helpers/workspace-page.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startBotInBrowser, type BotInBrowser } from '../helpers/bot-in-browser.js';
import { spinSuite, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const SCREENSHOT = '/tmp/perflab-browser-e2e.png';
const MACHINE = 'browser-e2e';
const ALICE = 'U0ALICE'; // in S0MAINTAINERS: may accept
// A first run measures the canary and one case; the second also confirms the
// regression by re-running old and new code side by side, which can take
// minutes on a loaded 2-core machine.
const RUN_TIMEOUT_MS = 60_000; // ms
const ALERT_TIMEOUT_MS = 150_000; // ms

let repo: TempRepo | undefined;
let bot: BotInBrowser | undefined;
let page: Page;

beforeAll(async () => {
  repo = tempRepo();
  repo.write('suites/spin.ts', spinSuite(1));
  repo.commit('spin');
  // The real bot (createBot) on a fresh local workspace; alice is in S0MAINTAINERS.
  bot = await startBotInBrowser({ machine: MACHINE, userId: ALICE, suitesDir: join(repo.dir, 'suites'), repo: repo.dir, overrides: { timeBudgetMs: 60, minSamples: 5, warmupMs: 10 } });
  page = bot.page;
});

afterAll(async () => {
  await bot?.stop();
  repo?.remove();
});

describe('the perflab bot in a browser on the local workspace', () => {
  it('runs a suite typed in the message box: the progress message turns done and the results are in its thread', async () => {
    await send(page, '/perflab run spin');

    const progress = channelMessage(page, /Done spin/);
    await progress.waitFor({ timeout: RUN_TIMEOUT_MS });
    await progress.getByRole('button', { name: /^\d+ repl(y|ies)$/ }).click();
    const thread = progress.locator('.thread');
    await thread.getByText('spin/work').first().waitFor();

    await expect(progress.textContent()).resolves.toMatch(/1 case/);
    await expect(thread.locator('article.message').count()).resolves.toBeGreaterThan(0);
  }, RUN_TIMEOUT_MS + 30_000);

  it('alerts on a 3× slower commit; alice accepts it from the page, the message says so and loses its buttons', async () => {
    repo?.write('suites/spin.ts', spinSuite(3));
    repo?.commit('three times the work');

    await send(page, '/perflab run spin');
    const alert = channelMessage(page, 'Performance regression');
    const accept = alert.getByRole('button', { name: 'Accept as new baseline' });
    await accept.waitFor({ timeout: ALERT_TIMEOUT_MS }).catch((error: unknown) => {
      throw new Error(`no alert with buttons; the channel shows:\n${JSON.stringify(bot?.local.workspace.messages().map((m) => m.text), null, 1)}`, { cause: error });
    });
    await expect(alert.getByRole('button', { name: 'Dismiss as noise' }).count()).resolves.toBe(1);
    await expect(alert.textContent()).resolves.toContain('spin/work');

    await accept.click();
    const dialog = page.locator('dialog#confirm[open]');
    await dialog.getByText('Accept as new baseline?').waitFor();
    await dialog.locator('[data-role="confirm"]').click();

    await alert.getByText('Accepted as the new baseline by @alice').waitFor({ timeout: 30_000 });
    await expect(alert.getByRole('button').filter({ hasNotText: /repl(y|ies)/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: SCREENSHOT });
    expect((await bot?.store.getBaseline('spin/work', MACHINE))?.acceptedBy).toBe(`slack:${ALICE}`);
  }, ALERT_TIMEOUT_MS + 60_000);
});
