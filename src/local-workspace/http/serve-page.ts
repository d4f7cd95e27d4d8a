import { readFile } from 'node:fs/promises';
import type { HttpAnswer } from './http-answer.js';

const PAGE_DIR = new URL('../page/', import.meta.url);

/** The page's files: a whitelist, read once at start (no build step: plain HTML, CSS and ES modules). */
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'main.js': 'text/javascript; charset=utf-8',
  'live-connection.js': 'text/javascript; charset=utf-8',
  'render-message.js': 'text/javascript; charset=utf-8',
  'render-blocks.js': 'text/javascript; charset=utf-8',
  'render-mrkdwn.js': 'text/javascript; charset=utf-8',
  'modal.js': 'text/javascript; charset=utf-8',
  'confirm-dialog.js': 'text/javascript; charset=utf-8',
  'emoji.js': 'text/javascript; charset=utf-8',
};

export type PageAssets = Map<string, Buffer>;

export async function loadPageAssets(): Promise<PageAssets> {
  const entries = await Promise.all(Object.keys(ASSETS).map(async (name) => [name, await readFile(new URL(name, PAGE_DIR))] as const));
  return new Map(entries);
}

/** GET / (and permalinks /archives/…) → the page; GET /page/<file> → its scripts and styles. */
export function servePage(assets: PageAssets, path: string, port: number): HttpAnswer | undefined {
  const name = path === '/' || path.startsWith('/archives/') ? 'index.html' : path.startsWith('/page/') ? path.slice('/page/'.length) : undefined;
  const body = name === undefined ? undefined : assets.get(name);
  if (name === undefined || body === undefined) return undefined;
  return {
    status: 200,
    headers: {
      'content-type': ASSETS[name] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': [
        "default-src 'self'",
        "img-src 'self' data: http: https:",
        `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    },
    body,
  };
}
