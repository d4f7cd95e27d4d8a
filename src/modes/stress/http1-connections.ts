// A plain-HTTP/1.1 client made for load: a fixed request written as bytes on
// keep-alive sockets, responses parsed only as far as their end
// (`Http1ResponseParser`). node:http spends ~40 µs per request on objects a
// load generator never looks at; this keeps up with autocannon
// (docs/benchmarks.md, "Stress"). One request in flight per connection; when
// all `maxSockets` are busy, requests wait their turn (their latency still
// counts from when they were due).
import { connect, type Socket } from 'node:net';
import type { HttpRequestOptions } from '../../engine/suite/stress-schema.js';
import { Http1ResponseParser, type ParsedResponse } from './http1-response-parser.js';
import { RequestError, type Target } from './target.js';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Connection {
  socket: Socket | null;
  pending: Waiter | null;
}

export interface Http1Options {
  url: URL;
  request: HttpRequestOptions;
  maxSockets: number;
  /** ms without a byte from the server while a request waits: `timeout`. */
  timeoutMs: number;
}

export function http1Connections(options: Http1Options): Target {
  const { url } = options;
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const wire = requestBytes(options);
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const waiting: Waiter[] = [];
  let closed = false;

  const release = (c: Connection): void => {
    const next = waiting.shift();
    if (next) dispatch(c, next);
    else idle.push(c);
  };

  const open = (c: Connection): Socket => {
    const socket = connect({ host, port, noDelay: true });
    const parser = new Http1ResponseParser((response: ParsedResponse) => {
      const waiter = c.pending;
      c.pending = null;
      if (response.closes) drop(c, socket);
      // A response nobody asked for (a server answering twice) is not a request.
      if (!waiter) return;
      if (response.status >= 400) waiter.reject(new RequestError(`http-${response.status}`, `HTTP ${response.status}`));
      else waiter.resolve();
      if (!closed) release(c);
    });
    socket.setTimeout(options.timeoutMs, () => socket.destroy(new RequestError('timeout', `no answer within ${options.timeoutMs} ms`)));
    socket.on('data', (data: Buffer) => {
      try {
        parser.push(data);
      } catch (error) {
        socket.destroy(new RequestError('bad-response', (error as Error).message));
      }
    });
    socket.on('end', () => parser.end());
    socket.on('error', () => undefined); // reported by 'close' below, to the request it failed
    socket.on('close', () => {
      if (c.socket !== socket) return;
      c.socket = null;
      const waiter = c.pending;
      c.pending = null;
      if (!waiter) return;
      const error = (socket as Socket & { errored?: Error | null }).errored;
      waiter.reject(error ?? new RequestError('ECONNRESET', 'the server closed the connection'));
      if (!closed) release(c);
    });
    return socket;
  };

  const drop = (c: Connection, socket: Socket): void => {
    if (c.socket === socket) c.socket = null;
    socket.destroy();
  };

  const dispatch = (c: Connection, waiter: Waiter): void => {
    c.pending = waiter;
    c.socket ??= open(c);
    c.socket.write(wire);
  };

  return {
    send: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new RequestError('closed', 'the target is closed'));
        const waiter = { resolve, reject };
        let c = idle.pop();
        if (!c && all.length < options.maxSockets) {
          c = { socket: null, pending: null };
          all.push(c);
        }
        if (c) dispatch(c, waiter);
        else waiting.push(waiter);
      }),
    close: async () => {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new RequestError('closed', 'the target is closed'));
      await Promise.all(
        all.map(({ socket }) => {
          if (!socket || socket.destroyed) return Promise.resolve();
          return new Promise<void>((resolve) => socket.once('close', () => resolve()).destroy());
        }),
      );
    },
  };
}

function requestBytes({ url, request }: Http1Options): Buffer {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { host: url.host, ...lowerKeys(request.headers ?? {}) };
  if (body) headers['content-length'] = String(body.length);
  const head = `${request.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
