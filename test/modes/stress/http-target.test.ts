// The load generator's HTTP client against real servers on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpTarget } from '../../../src/modes/stress/http-target.js';
import { errorKind } from '../../../src/modes/stress/target.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('httpTarget (http://)', () => {
  it('sends the configured request and reuses connections', async () => {
    const seen: string[] = [];
    const sockets = new Set<unknown>();
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['x-test']} ${body}`);
        res.end('ok');
      });
    });
    const target = httpTarget({ url, request: { method: 'POST', path: '/items?x=1', headers: { 'X-Test': 'yes' }, body: '{"a":1}' }, maxSockets: 2, timeoutMs: 5000 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => target.send(i)));
    await target.close();
    expect(seen).toHaveLength(20);
    expect(seen[0]).toBe('POST /items?x=1 yes {"a":1}');
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('fails a request with the status as its kind, and carries on after a server closes the connection', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      if (n === 1) res.writeHead(503).end();
      else if (n === 2) res.setHeader('connection', 'close').end('bye');
      else res.end('ok');
    });
    const target = httpTarget({ url, request: {}, maxSockets: 1, timeoutMs: 5000 });
    await expect(target.send(0).catch(errorKind)).resolves.toBe('http-503');
    await expect(target.send(0)).resolves.toBeUndefined();
    await expect(target.send(0)).resolves.toBeUndefined();
    await target.close();
  });

  it('fails with the connection error when nothing listens', async () => {
    const target = httpTarget({ url: 'http://127.0.0.1:1', request: {}, maxSockets: 1, timeoutMs: 5000 });
    await expect(target.send(0).catch(errorKind)).resolves.toBe('ECONNREFUSED');
    await target.close();
  });

  it('fails a request the server never answers as timeout', async () => {
    const url = await serve(() => undefined);
    const target = httpTarget({ url, request: {}, maxSockets: 1, timeoutMs: 200 });
    await expect(target.send(0).catch(errorKind)).resolves.toBe('timeout');
    await target.close();
    server?.closeAllConnections();
  });
});
