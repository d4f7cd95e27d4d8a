// The site in real Chromium (Debian's, through playwright-core): the case
// page draws one point per run `perflab history --json` lists, hovering a
// point shows its commit and clicking it opens the run; the alert page shows
// its evidence. Screenshots land in /tmp for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApiServer, type ApiServer } from '../../src/http/http-server.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import { Lab } from '../../src/lab/lab.js';
import { pagePath } from '../../src/site/page-url.js';
import { CHROMIUM } from '../helpers/workspace-page.js';
import { CULPRIT, MACHINE, SLOW_CASE, STEP_AT, seedSite, type SiteFixture } from './site-fixture.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));

let dir: string;
let store: Store;
let lab: Lab;
let fixture: SiteFixture;
let server: ApiServer;
let browser: Browser;
let listed: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-site-browser-'));
  store = await openStore(join(dir, 'store'));
  fixture = await seedSite(store);
  // The CLI reads the store while nothing else holds it.
  await store.close();
  listed = historyJson(SLOW_CASE).map((e) => e.runId);
  store = await openStore(join(dir, 'store'));
  lab = new Lab({ store, machine: MACHINE, suitesDir: dir, canary: false });
  await lab.investigateAlert(fixture.alert.id, 'slack:U0CAROL', 'looks like the double copy');
  server = await startApiServer({ port: 0, onPush: () => undefined, onResults: () => Promise.reject(new Error('no')), log: () => undefined, site: { context: { lab, repo: null } } });
  browser = await chromium.launch(CHROMIUM);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await lab?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url + path);
  // The page script marks the body once every chart is drawn.
  await page.waitForFunction("document.body.dataset.charts === 'drawn' || !document.querySelector('[data-chart]')", undefined, { timeout: 20_000 });
  expect(errors).toEqual([]);
  return page;
}

/** `perflab history <case> --json`, from a real process reading the same store (the store is shared-read). */
function historyJson(caseId: string): { runId: string }[] {
  const r = spawnSync(process.execPath, [BIN, 'history', caseId, '--json', '--limit', '100000'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(dir, 'store'), PERFLAB_MACHINE: MACHINE, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`perflab history failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { entries: { runId: string }[] }).entries;
}

describe('the site in a browser', () => {
  it("draws one point per run that `perflab history --json` lists on the case page; hovering one shows its commit, clicking opens its run", async () => {
    const page = await open(`/${pagePath({ page: 'case', caseId: SLOW_CASE })}`);
    // The points of the runs layer, as vega drew them (one SVG path per datum).
    const drawn = await page.evaluate(() => {
      const view = (globalThis as unknown as { perflabCharts: { data(name: string): { runId: string }[] }[] }).perflabCharts[0]!;
      return view.data('runs').map((d) => d.runId);
    });
    expect(drawn.sort()).toEqual([...listed].sort());
    const marks = page.locator('.chart svg g.mark-symbol.role-mark.runs_marks path');
    expect(await marks.count()).toBe(listed.length);
    await page.screenshot({ path: '/tmp/site-case.png', fullPage: false });

    // Hover the point of a slow run: vega draws the runs' points in data order, oldest first, as history lists them.
    const slowRun = fixture.runs[STEP_AT + 2]!;
    const point = marks.nth(listed.indexOf(slowRun.id));
    await point.hover({ force: true });
    await expect.poll(() => page.locator('#point [data-field="commit"]').textContent()).toBe(slowRun.commit!.slice(0, 12));
    expect(await page.locator('#point [data-field="run"]').textContent()).toBe(slowRun.id);
    // Run 18: 1 ms × 1.3 × 0.996.
    expect(await page.locator('#point').textContent()).toContain('median 1.29 ms');
    await page.screenshot({ path: '/tmp/site-case-hover.png' });
    await point.click({ force: true });
    await page.waitForURL(`**/${pagePath({ page: 'run', runId: slowRun.id })}`);
    expect(await page.locator('h1').textContent()).toBe(`Run ${slowRun.id}`);
    await page.screenshot({ path: '/tmp/site-run.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('shows the alert evidence: screening, every confirmation run, the bisection steps and the audit trail', async () => {
    const page = await open(`/${pagePath({ page: 'alert', alertId: fixture.alert.id })}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Regression in json/parse 1MB');
    expect(await page.locator('#screening').textContent()).toMatch(/robust z\s*41\.2/);
    const confirmationRows = page.locator('table.confirmation tbody tr');
    expect(await confirmationRows.count()).toBe(fixture.confirmation.candidate.length);
    expect(await page.locator('#bisect-steps tbody tr').count()).toBe(fixture.bisectPath.length);
    expect(text).toContain(CULPRIT.slice(0, 12));
    expect(text).toContain('Bob Builder');
    const audit = (await page.locator('#audit').textContent()) ?? '';
    expect(audit).toContain('slack:U0CAROL');
    expect(audit).toContain('looks like the double copy');
    await page.screenshot({ path: '/tmp/site-alert.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('draws a sparkline per case on the overview', async () => {
    const page = await open('/');
    expect(await page.locator('#cases .spark svg').count()).toBe(2);
    await page.screenshot({ path: '/tmp/site-overview.png', fullPage: true });
    const missing = await open('/cases/json~2Fnope.html');
    await missing.locator('#search').fill('parse');
    const visible = await missing.locator('#search-results li:visible').allTextContents();
    expect(visible.length).toBeGreaterThan(0);
    for (const item of visible) expect(item).toContain('parse');
    expect(await missing.locator('#search-results li', { hasText: 'stringify' }).isVisible()).toBe(false);
    await missing.screenshot({ path: '/tmp/site-404.png' });
    await page.close();
    await missing.close();
  }, 60_000);
});
