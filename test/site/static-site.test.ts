// `perflab report --html DIR` in a real process on a real store: the same
// pages as files with relative links that all lead to a written file, the
// assets beside them; and with PERFLAB_PUBLIC_URL, the CLI's tables and the
// Markdown report link to the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { openStore } from '../../src/engine/store/open-store.js';
import { pagePath } from '../../src/site/page-url.js';
import { CHROMIUM } from '../helpers/workspace-page.js';
import { MACHINE, RUNS, SLOW_CASE, seedSite, type SiteFixture } from './site-fixture.js';

const BIN = fileURLToPath(new URL('../../bin/perflab.js', import.meta.url));
let dir: string;
let fixture: SiteFixture;

function perflab(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PERFLAB_STORE: join(dir, 'store'), PERFLAB_MACHINE: MACHINE, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function filesUnder(root: string, at = root): string[] {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path)];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-static-site-'));
  const store = await openStore(join(dir, 'store'));
  fixture = await seedSite(store);
  await store.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflab report --html DIR', () => {
  it('writes the pages and assets, every link relative and leading to a written file', () => {
    const out = join(dir, 'site');
    const r = perflab({}, 'report', '--html', out);
    expect(r.stderr).toMatch(/wrote \d+ files/);
    expect(r.code).toBe(0);
    const files = filesUnder(out);
    for (const expected of ['index.html', 'findings.html', pagePath({ page: 'case', caseId: SLOW_CASE }), pagePath({ page: 'alert', alertId: fixture.alert.id }), 'assets/vega.min.js', 'assets/vega-lite.min.js', 'assets/site.js', '404.html']) {
      expect(files).toContain(expected);
    }
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      for (const [, target] of html.matchAll(/(?:href|src)="([^"#?]+)/g)) {
        expect(target, `${file} links to ${target}`).not.toMatch(/^\/|^https?:/);
        expect(existsSync(join(out, dirname(file), target!)), `${file} links to ${target}`).toBe(true);
      }
    }
  });
});

describe('the static copy in a browser', () => {
  it('draws the case chart from the files alone (file://, assets beside the pages)', async () => {
    const out = join(dir, 'site-browser');
    expect(perflab({}, 'report', '--html', out).code).toBe(0);
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(out, pagePath({ page: 'case', caseId: SLOW_CASE }))).href);
      await page.waitForFunction("document.body.dataset.charts === 'drawn'", undefined, { timeout: 20_000 });
      expect(errors).toEqual([]);
      expect(await page.locator('.chart svg g.runs_marks path').count()).toBe(RUNS);
      await page.screenshot({ path: '/tmp/site-static-case.png' });
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('links to pages under PERFLAB_PUBLIC_URL', () => {
  const publicUrl = 'https://perf.example.com/lab/';

  it('ends the history table with the case page, and links each case in the Markdown report', () => {
    const history = perflab({ PERFLAB_PUBLIC_URL: publicUrl }, 'history', SLOW_CASE);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`Page: https://perf.example.com/lab/${pagePath({ page: 'case', caseId: SLOW_CASE })}`);
    const markdown = join(dir, 'report.md');
    const report = perflab({ PERFLAB_PUBLIC_URL: publicUrl }, 'report', '--markdown', markdown);
    expect(report.code).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain(`(https://perf.example.com/lab/${pagePath({ page: 'case', caseId: SLOW_CASE })})`);
  });

  it('prints no page line without PERFLAB_PUBLIC_URL, and refuses one that is not an http(s) URL', () => {
    expect(perflab({}, 'history', SLOW_CASE).stdout).not.toContain('Page:');
    const bad = perflab({ PERFLAB_PUBLIC_URL: 'perf.example.com' }, 'history', SLOW_CASE);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('PERFLAB_PUBLIC_URL must be an http(s) URL');
  });
});
