// Page paths: one per thing, reversible, safe as file names; and the Slack
// alert's link to its page under PERFLAB_PUBLIC_URL.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { alertView } from '../../src/bot/alert-view.js';
import { alertBody } from '../../src/bot/blocks/alert-body.js';
import { openStore } from '../../src/engine/store/open-store.js';
import { Lab } from '../../src/lab/lab.js';
import { idOfSlug, pageOfPath, pagePath, pageSlug, pageUrl, type PageRef } from '../../src/site/page-url.js';
import { MACHINE, seedSite } from './site-fixture.js';

describe('page paths', () => {
  it('turns any id into a file name of safe characters and back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (id) => {
        const slug = pageSlug(id);
        expect(slug).toMatch(/^[A-Za-z0-9_.~-]*$/);
        expect(slug).not.toMatch(/^\.+$/);
        expect(idOfSlug(slug)).toBe(id);
      }),
    );
  });

  it('reads back every page it names, and names nothing for a path it does not make', () => {
    const refs: PageRef[] = [{ page: 'overview' }, { page: 'findings' }, { page: 'case', caseId: 'json/stringify 1MB' }, { page: 'run', runId: '20261121T212200Z-3fa9c1' }, { page: 'alert', alertId: '..' }];
    for (const ref of refs) expect(pageOfPath(`/${pagePath(ref)}`)).toEqual(ref);
    expect(pagePath({ page: 'case', caseId: 'json/stringify 1MB' })).toBe('cases/json~2Fstringify~201MB.html');
    for (const path of ['/cases/a%2Fb.html', '/cases/~zz.html', '/runs/a/b.html', '/cases/.html', '/admin']) expect(pageOfPath(path)).toBeUndefined();
  });

  it('builds absolute links only under a public address', () => {
    expect(pageUrl(undefined, { page: 'overview' })).toBeUndefined();
    expect(pageUrl('https://perf.example.com/lab/', { page: 'alert', alertId: 'A-1' })).toBe('https://perf.example.com/lab/alerts/A-1.html');
  });

  it("links a Slack alert to its page (the message's Details link) when PERFLAB_PUBLIC_URL is set", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflab-alert-link-'));
    const store = await openStore(dir);
    try {
      const { alert } = await seedSite(store);
      const lab = new Lab({ store, machine: MACHINE, suitesDir: dir, canary: false });
      const view = await alertView(lab, alert, null, 'https://perf.example.com');
      expect(view.link).toBe('https://perf.example.com/alerts/A-0001.html');
      expect(JSON.stringify(alertBody(view))).toContain('<https://perf.example.com/alerts/A-0001.html|Details>');
      expect((await alertView(lab, alert, null)).link).toBeUndefined();
      await lab.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
