// A WebSocket echo server (ws) under many concurrent connections: 64
// clients, each with its own connection, each sending its next message as
// soon as the echo of the last one arrives (closed model).
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { defineSuite } from 'perflab';

async function startEcho() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    teardown: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

export default defineSuite({
  name: 'ws',
  stress: {
    'echo 64 connections': {
      target: { setup: startEcho },
      ws: { message: JSON.stringify({ type: 'ping', payload: 'x'.repeat(256) }) },
      load: { concurrency: 64 },
      duration: '3s',
      thresholds: ['p99 < 200ms', 'errors < 0.1%'],
    },
  },
});
