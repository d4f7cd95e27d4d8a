// Who may read the pages. On 127.0.0.1 anyone on the machine may; anywhere
// else only with the access token (`PERFLAB_SITE_TOKEN`), which a browser
// brings once in the query (`?token=…`, then kept in a cookie) and a script
// sends as `Authorization: Bearer …`. Tokens are never logged nor echoed.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { constantTimeEqual } from '../engine/secret/constant-time-equal.js';

export const SITE_TOKEN_SETTING = 'PERFLAB_SITE_TOKEN';
export const SITE_COOKIE = 'perflab_site_token';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Refuses, before anything listens, to serve pages on an address other
 * machines can reach without a token to keep strangers out.
 */
export function checkSiteBinding(host: string, token: string | undefined): void {
  if (isLoopback(host) || token) return;
  throw new PerflabError(
    ErrorCode.Config,
    `refusing to serve perflab's pages on ${host} without an access token: set ${SITE_TOKEN_SETTING} (a long random string; readers open a page once with ?token=<it>), or listen on 127.0.0.1`,
  );
}

export type SiteAccess =
  | { ok: true; fromQuery: boolean }
  | { ok: false; reason: string };

const BEARER = /^Bearer +(\S+) *$/i;

/** Whether the request carries the token: in the Authorization header, the site's cookie, or `?token=`. */
export function checkSiteAccess(request: IncomingMessage, url: URL, token: string): SiteAccess {
  const header = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const query = url.searchParams.get('token') ?? undefined;
  const cookie = cookieValue(request.headers.cookie, SITE_COOKIE);
  const given = header ?? query ?? cookie;
  if (given === undefined) return { ok: false, reason: 'no access token (Authorization: Bearer, ?token= or the site cookie)' };
  if (!constantTimeEqual(given, token)) return { ok: false, reason: `the access token given (${header !== undefined ? 'header' : query !== undefined ? 'query' : 'cookie'}) is not valid` };
  return { ok: true, fromQuery: header === undefined && query !== undefined };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The cookie a browser keeps after opening a link with `?token=`: not readable by scripts, sent to this site only. */
export function siteCookie(token: string): string {
  return `${SITE_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
