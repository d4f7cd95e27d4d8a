// HTTP requests over keep-alive connections (node:http / node:https). A
// response is read to its end; a status of 400 or more is a failed request.
import http from 'node:http';
import https from 'node:https';
import type { HttpRequestOptions } from '../../engine/suite/stress-schema.js';
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
  const url = new URL(options.request.path ?? '', options.url);
  if (options.request.path) url.pathname = joinPath(new URL(options.url).pathname, options.request.path);
  const lib = url.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const body = options.request.body;
  const headers = { ...options.request.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
  const method = options.request.method ?? 'GET';

  return {
    send: () =>
      new Promise<void>((resolve, reject) => {
        const req = lib.request(url, { method, headers, agent, timeout: options.timeoutMs }, (res) => {
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

function joinPath(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}${path}`;
}
