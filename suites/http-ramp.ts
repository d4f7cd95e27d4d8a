// An HTTP server under an open-model ramp: requests arrive at 200/s rising
// to 2000/s whether or not the server keeps up, and latency counts from when
// each request was due — so the moment the server falls behind shows in p99.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineSuite } from 'perflab';

/** A small JSON API: parse the query, do a little work, answer. Listens on a free loopback port. */
async function startApi() {
  const server = createServer((req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 100);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.sqrt(i);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ n, sum }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    teardown: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export default defineSuite({
  name: 'http',
  stress: {
    'api ramp': {
      target: { setup: startApi },
      http: { path: '/sum?n=1000' },
      load: { rate: 200, rampTo: 2000 },
      duration: '3s',
      thresholds: ['p99 < 500ms', 'errors < 1%'],
    },
  },
});
