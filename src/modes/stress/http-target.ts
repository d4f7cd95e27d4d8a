// HTTP requests over keep-alive connections. Plain http:// goes through
// perflab's own HTTP/1.1 connections (`http1Connections`, fast enough to load
// a server as hard as autocannon does); https:// through node:https. A
// response is read to its end; a status of 400 or more is a failed request.
import https from 'node:https';
import type { HttpRequestOptions } from '../../engine/suite/stress-schema.js';
import { http1Connections } from './http1-connections.js';
import { RequestError, type Target } from './target.js';

export interface HttpTargetOptions {
  url: string;
  request: HttpRequestOptions;
  /** Connections kept open at most. */
  maxSockets: number;
  /** A request unanswered this long fails as `timeout`, ms. */
  timeoutMs: number;
}

export function httpTarget(options: HttpTargetOptions): Target {
  const url = new URL(options.url);
  if (options.request.path) url.pathname = `${url.pathname.replace(/\/$/, '')}${new URL(options.request.path, 'http://x').pathname}`;
  if (options.request.path?.includes('?')) url.search = new URL(options.request.path, 'http://x').search;
  if (url.protocol === 'http:') return http1Connections({ url, request: options.request, maxSockets: options.maxSockets, timeoutMs: options.timeoutMs });
  return httpsTarget(url, options);
}

function httpsTarget(url: URL, options: HttpTargetOptions): Target {
  const agent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const body = options.request.body;
  const headers = { ...options.request.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
  const method = options.request.method ?? 'GET';
  return {
    send: () =>
      new Promise<void>((resolve, reject) => {
        const req = https.request(url, { method, headers, agent, timeout: options.timeoutMs }, (res) => {
          res.on('error', reject);
          res.on('end', () => ((res.statusCode ?? 0) >= 400 ? reject(new RequestError(`http-${res.statusCode}`, `HTTP ${res.statusCode}`)) : resolve()));
          res.resume();
        });
        req.on('timeout', () => req.destroy(new RequestError('timeout', `no answer within ${options.timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      }),
    close: async () => agent.destroy(),
  };
}
