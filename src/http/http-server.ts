// The HTTP edge for machines: forges' push webhooks and CI machines pushing
// results. node:http and three routes, no framework:
//
//   POST /webhook          push deliveries from GitHub, GitLab or Gitea (HMAC/token verified)
//   POST /api/v1/results   `perflab ci --push` (Authorization: Bearer <token>)
//   GET  /api/v1/health    200 when the server is up
//   GET  anything else     the site's read-only pages (src/site), when given a site
//
// The server parses, authenticates and hands over (`onPush`, `onResults`);
// what a push or a result does is the lab's business. Tokens and secrets are
// never logged nor echoed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BoundedMap } from './bounded-map.js';
import { handleResults, type ResultsRoute } from './handle-results.js';
import { handleWebhook, type WebhookRoute } from './handle-webhook.js';
import { reply, replyError } from './http-reply.js';
import type { PushEvent } from '../triggers/webhook/push-delivery.js';
import type { ResultsPayload } from '../lab/jobs/results-payload.js';
import { handleSite, type SiteRoute } from '../site/handle-site.js';
import { checkSiteBinding } from '../site/site-access.js';
import type { SiteContext } from '../site/site-reads.js';

export interface ApiServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on. Default `127.0.0.1`: expose it through a TLS reverse proxy, not directly. */
  host?: string;
  /** The webhook secret set in the forge; without it POST /webhook answers 404. */
  webhookSecret?: string;
  /** The token CI machines send; without it POST /api/v1/results answers 404. */
  apiToken?: string;
  /** Largest request body accepted, bytes. Default 10 MB. */
  maxBodyBytes?: number;
  /** A verified push to a branch. Called after the 202 is sent; a rejection is logged and lets a redelivery through. */
  onPush: (push: PushEvent) => void | Promise<void>;
  /** Validated results from a CI machine; `actor` is `ci:<machine>`. */
  onResults: (payload: ResultsPayload, actor: string) => Promise<{ runId: string; alerts: string[] }>;
  /** One line per refused request or failure; never holds a token or secret. */
  log: (message: string) => void;
  /** The read-only pages, on every path the machine API does not use; without it those paths answer 404. */
  site?: { context: SiteContext; token?: string };
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Webhook deliveries and result pushes remembered for deduplication. */
const RECENT_IDS = 1000;

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { log } = options;
  const webhook: WebhookRoute | null = options.webhookSecret ? { secret: options.webhookSecret, maxBodyBytes, onPush: options.onPush, log, deliveries: new BoundedMap(RECENT_IDS) } : null;
  const results: ResultsRoute | null = options.apiToken ? { token: options.apiToken, maxBodyBytes, onResults: options.onResults, log, pushes: new BoundedMap(RECENT_IDS) } : null;

  // Pages on an address others can reach need a token: refused before anything listens.
  if (options.site) checkSiteBinding(host, options.site.token);
  const site: SiteRoute | null = options.site ? { ...options.site, log } : null;

  const off = (what: string): Handler => async (_request, response) => replyError(response, 404, `${what} is off on this server`);
  const routes: Record<string, { method: string; handler: Handler }> = {
    '/webhook': { method: 'POST', handler: webhook ? (req, res) => handleWebhook(webhook, req, res) : off('the webhook (no webhook secret configured)') },
    '/api/v1/results': { method: 'POST', handler: results ? (req, res) => handleResults(results, req, res) : off('the results API (no API token configured)') },
    '/api/v1/health': { method: 'GET', handler: async (_req, res) => reply(res, 200, { ok: true }) },
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (!route && !site) return replyError(response, 404, `no such endpoint: ${path}`);
    if (route && request.method !== route.method) return replyError(response, 405, `${path} accepts ${route.method} only`, { allow: route.method });
    const handler: Handler = route ? route.handler : (req, res) => handleSite(site!, req, res);
    handler(request, response).catch((error: unknown) => {
      log(`api: ${request.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) replyError(response, 500, 'internal error; see the perflab server log');
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
