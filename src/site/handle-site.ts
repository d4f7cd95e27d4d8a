// The site's pages and assets over HTTP: GET and HEAD only (a page changes
// nothing; any other method gets 405), behind the access token when one is
// configured. A page that cannot be found is the 404 page with a search; a
// page that fails is a plain 500 that names no internals (the log has them).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageOfPath } from './page-url.js';
import { renderSitePage, unknownPathPage } from './render-site-page.js';
import { checkSiteAccess, siteCookie } from './site-access.js';
import { readSiteAsset } from './site-assets.js';
import type { SiteContext } from './site-reads.js';

export interface SiteRoute {
  context: SiteContext;
  /** Without it, anyone who can reach the server may read (allowed on loopback only, see `checkSiteBinding`). */
  token?: string;
  log: (message: string) => void;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Scripts and styles from this site only (the page's inline style is its own; vega compiles its
  // expressions with Function, hence unsafe-eval); no form may post anywhere.
  'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'",
};

export async function handleSite(route: SiteRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, request, 405, 'text/plain; charset=utf-8', 'The pages are read-only: GET only.\n', { allow: 'GET, HEAD' });
  }
  if (route.token !== undefined) {
    const access = checkSiteAccess(request, url, route.token);
    if (!access.ok) {
      route.log(`site refused (401) ${url.pathname} from ${request.socket.remoteAddress ?? 'unknown'}: ${access.reason}`);
      return send(response, request, 401, 'text/plain; charset=utf-8', 'This perflab site needs its access token: open a link that carries ?token=…, or send "Authorization: Bearer <token>".\n', { 'www-authenticate': 'Bearer' });
    }
    if (access.fromQuery) {
      // Keep the token in a cookie and take it out of the address bar (and of history and logs).
      url.searchParams.delete('token');
      const location = url.pathname + (url.search || '');
      return send(response, request, 303, 'text/plain; charset=utf-8', '', { location, 'set-cookie': siteCookie(route.token) });
    }
  }

  const path = url.pathname;
  const asset = await readSiteAsset(path.replace(/^\/+/, ''));
  if (asset) return send(response, request, 200, asset.asset.contentType, asset.body, { 'cache-control': 'public, max-age=3600' });
  const ref = pageOfPath(path);
  const page = ref ? await renderSitePage(route.context, ref) : await unknownPathPage(route.context, path);
  return send(response, request, page.status, 'text/html; charset=utf-8', page.html, { 'cache-control': 'no-store' });
}

function send(response: ServerResponse, request: IncomingMessage, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length), ...SECURITY_HEADERS, ...headers });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}
