// The site on perflab's one HTTP server, against a real store on disk: every
// page reachable from the overview answers, none has a form, no method but
// GET/HEAD is taken anywhere, and reading every page changes nothing stored.
// Unknown things get the 404 page with a search; the access rules hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startApiServer, type ApiServer } from '../../src/http/http-server.js';
import { openStore } from '../../src/engine/store/open-store.js';
import type { Store } from '../../src/engine/store/store.js';
import { Lab } from '../../src/lab/lab.js';
import { pagePath } from '../../src/site/page-url.js';
import { MACHINE, SLOW_CASE, seedSite, type SiteFixture } from './site-fixture.js';

let dir: string;
let store: Store;
let lab: Lab;
let fixture: SiteFixture;
let server: ApiServer;
const logged: string[] = [];

const noWork = { onPush: () => undefined, onResults: () => Promise.reject(new Error('not in this test')) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perflab-site-'));
  store = await openStore(dir);
  fixture = await seedSite(store);
  lab = new Lab({ store, machine: MACHINE, suitesDir: dir, canary: false });
  // The alert was looked into through the lab's real action: an audited click.
  await lab.investigateAlert(fixture.alert.id, 'slack:U0CAROL', 'looks like the double copy');
  server = await startApiServer({ port: 0, ...noWork, log: (m) => logged.push(m), site: { context: { lab, repo: null } } });
});

afterAll(async () => {
  await server?.close();
  await lab?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file of the store with its bytes: what "nothing changed" is checked against. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path).toString('base64'));
    }
  };
  walk(root);
  return files;
}

/** Follows every same-site link from the overview; returns each page's path and answer. */
async function crawl(): Promise<Map<string, { status: number; body: string }>> {
  const pages = new Map<string, { status: number; body: string }>();
  const queue = ['/'];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const response = await fetch(server.url + path);
    const body = await response.text();
    pages.set(path, { status: response.status, body });
    for (const match of body.matchAll(/href="([^"#?]+)/g)) {
      const next = new URL(match[1]!, server.url + path).pathname;
      if (!pages.has(next) && !queue.includes(next)) queue.push(next);
    }
  }
  return pages;
}

describe('the site', () => {
  it('answers every page reachable from the overview with 200, and none has a form', async () => {
    const pages = await crawl();
    const paths = [...pages.keys()];
    expect(paths).toContain(`/${pagePath({ page: 'case', caseId: SLOW_CASE })}`);
    expect(paths).toContain(`/${pagePath({ page: 'alert', alertId: fixture.alert.id })}`);
    expect(paths).toContain(`/${pagePath({ page: 'run', runId: fixture.runs[0]!.id })}`);
    expect(paths).toContain('/findings.html');
    for (const [path, page] of pages) {
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      expect(page.body, path).not.toMatch(/<form|method=["']?post/i);
    }
  });

  it('takes no method but GET and HEAD on any page, and reading every page changes nothing in the store', async () => {
    const before = snapshot(dir);
    const pages = await crawl();
    for (const path of [...pages.keys(), '/assets/site.js', '/no/such/page']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await fetch(server.url + path, { method, body: method === 'DELETE' ? null : '{}' });
        expect({ path, method, status: response.status }).toEqual({ path, method, status: 405 });
      }
      expect((await fetch(server.url + path, { method: 'HEAD' })).status).toBeLessThan(500);
    }
    expect(snapshot(dir)).toEqual(before);
    expect((await lab.alert(fixture.alert.id))?.state).toBe('investigating');
  });

  it('serves vega from node_modules, so a browser without internet draws the charts', async () => {
    const page = await (await fetch(`${server.url}/${pagePath({ page: 'case', caseId: SLOW_CASE })}`)).text();
    for (const src of page.matchAll(/<script src="([^"]+)"/g)) {
      const response = await fetch(new URL(src[1]!, `${server.url}/cases/x.html`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('javascript');
    }
    expect(page).not.toMatch(/https?:\/\/(?!vega\.github\.io\/schema)/); // no CDN, no outside address (the spec's $schema is an id, not fetched)
  });

  it('answers an unknown case or run with a 404 page that offers a search, not a stack trace', async () => {
    for (const path of [`/${pagePath({ page: 'case', caseId: 'json/nope' })}`, `/${pagePath({ page: 'run', runId: '20990101T000000Z-000000' })}`, '/cases/%ZZ.html', '/etc/passwd']) {
      const response = await fetch(server.url + path);
      const body = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(body).toContain('<input type="search"');
      expect(body).toContain(SLOW_CASE.replace(/"/g, '&quot;'));
      expect(body).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
  });

  it('escapes what suites and people wrote: a case id or evidence with markup shows as text', async () => {
    const findings = await (await fetch(`${server.url}/findings.html`)).text();
    expect(findings).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(findings).not.toContain('<script>alert(1)');
    const overview = await (await fetch(`${server.url}/`)).text();
    expect(overview).toContain('json/stringify &lt;small&gt; &amp; &quot;quoted&quot;');
  });
});

describe('who may read the pages', () => {
  it('refuses at start to serve pages on an address other machines reach without a token, naming the setting', async () => {
    await expect(startApiServer({ port: 0, host: '0.0.0.0', ...noWork, log: () => undefined, site: { context: { lab, repo: null } } })).rejects.toThrow(/PERFLAB_SITE_TOKEN/);
  });

  it('with a token: 401 (logged) without it or with a wrong one; a header, or ?token= once then the cookie, lets a reader in', async () => {
    const token = 'a-long-random-site-token-0123456789';
    const log: string[] = [];
    const guarded = await startApiServer({ port: 0, host: '0.0.0.0', ...noWork, log: (m) => log.push(m), site: { context: { lab, repo: null }, token } });
    const url = `http://127.0.0.1:${guarded.port}`;
    try {
      expect((await fetch(`${url}/`)).status).toBe(401);
      expect((await fetch(`${url}/`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await fetch(`${url}/assets/vega.min.js`)).status).toBe(401);
      expect(log.filter((m) => m.includes('site refused (401)'))).toHaveLength(3);
      expect(log.join('\n')).not.toContain(token);

      expect((await fetch(`${url}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const first = await fetch(`${url}/findings.html?token=${token}`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/findings.html');
      const cookie = first.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      const again = await fetch(`${url}/findings.html`, { headers: { cookie: cookie.split(';')[0]! } });
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('Findings');
    } finally {
      await guarded.close();
    }
  });
});
