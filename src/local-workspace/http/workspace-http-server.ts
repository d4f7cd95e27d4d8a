import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiParams } from '../api-params.js';
import type { HttpAnswer } from './http-answer.js';
import { isLocalOrigin } from './local-origin.js';
import { BodyTooLargeError, parseParams, parseUpload, readBody } from './read-body.js';

/** What the workspace does for each kind of request; the server only routes and writes. */
export interface Routes {
  api(method: string, params: ApiParams, authorization: string | undefined): Promise<HttpAnswer>;
  responseUrl(hookId: string, params: ApiParams): HttpAnswer;
  upload(fileId: string, bytes: Buffer): HttpAnswer;
  file(fileId: string): HttpAnswer | undefined;
  page(path: string): HttpAnswer | undefined;
  /** The page's own calls (POST /local/<action>), same-origin only. */
  pageAction(action: string, params: ApiParams): Promise<HttpAnswer>;
  /** WebSocket upgrades by path: '/socket' (Socket Mode), '/live' (the page, same-origin only). */
  upgrades: Record<string, (request: IncomingMessage, socket: Duplex, head: Buffer) => void>;
}

export interface WorkspaceHttpServer {
  port: number;
  /** Starts answering with these routes (503 before: the routes need the port to build URLs). */
  serve(routes: Routes): void;
  close(): Promise<void>;
}

/** Listens on host:port (0 = any free port). */
export async function startHttpServer(host: string, port: number): Promise<WorkspaceHttpServer> {
  let routes: Routes | undefined;
  const server = createServer((request, response) => {
    if (!routes) return void response.writeHead(503).end();
    handle(routes, request, response, boundPort()).catch((error: unknown) => {
      const status = error instanceof BodyTooLargeError ? 413 : 400;
      if (!response.headersSent) write(response, { status, body: { ok: false, error: status === 413 ? 'request_too_large' : 'invalid_request' } });
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const upgrade = routes?.upgrades[path];
    if (!upgrade || (path === '/live' && !isLocalOrigin(request, boundPort()))) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    upgrade(request, socket, head);
  });
  function boundPort(): number {
    return (server.address() as AddressInfo).port;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: boundPort(),
    serve: (r) => {
      routes = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (the WebClient's, the browser's) would hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function handle(routes: Routes, request: IncomingMessage, response: ServerResponse, port: number): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  const [, section = '', rest = ''] = /^\/([^/]*)\/?(.*)$/.exec(path) ?? [];
  const method = request.method ?? 'GET';
  let answer: HttpAnswer | undefined;

  if (method === 'POST' && section === 'api' && rest) {
    const params = await parseParams(request.headers['content-type'], await readBody(request));
    answer = await routes.api(rest, params, request.headers.authorization);
  } else if (method === 'POST' && section === 'response' && rest) {
    answer = routes.responseUrl(rest, await parseParams(request.headers['content-type'], await readBody(request)));
  } else if (method === 'POST' && section === 'upload' && rest) {
    answer = routes.upload(rest, await parseUpload(request.headers['content-type'], await readBody(request)));
  } else if (method === 'POST' && section === 'local' && rest) {
    // JSON only: a cross-site <form> cannot send it without a CORS preflight we never answer.
    const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
    answer = isLocalOrigin(request, port) && isJson
      ? await routes.pageAction(rest, await parseParams('application/json', await readBody(request)))
      : { status: 403, body: { ok: false, error: 'forbidden' } };
  } else if (method === 'GET' && section === 'files' && rest) {
    answer = routes.file(rest.split('/')[0] ?? '');
  } else if (method === 'GET' && path === '/favicon.ico') {
    answer = { status: 204, body: '' };
  } else if (method === 'GET') {
    answer = routes.page(path);
  }
  write(response, answer ?? { status: 404, body: { ok: false, error: 'not_found' } });
}

function write(response: ServerResponse, answer: HttpAnswer): void {
  const raw = Buffer.isBuffer(answer.body) || typeof answer.body === 'string';
  const headers = { ...(raw ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...answer.headers };
  response.writeHead(answer.status, headers);
  response.end(raw ? (answer.body as Buffer | string) : JSON.stringify(answer.body));
}
