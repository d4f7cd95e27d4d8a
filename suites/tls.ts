// The motivating example for measured regions: a TLS server in one worker
// thread and a client in another. Each sample establishes a fresh TLS
// session (not timed), then times the transfer of 1 MB of random data until
// the server has received all of it.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { defineSuite, type RegionTimer } from 'perflab';

const PAYLOAD_BYTES = 1 << 20;
const PEERS = new URL('./fixtures/tls-peers.mjs', import.meta.url);

type Message = Record<string, unknown>;

/** A peer's messages, kept until asked for: an event nobody listens to yet must not be lost. */
class Peer {
  readonly worker: Worker;
  private readonly inbox: Message[] = [];
  private waiter: (() => void) | null = null;

  constructor(role: 'server' | 'client') {
    this.worker = new Worker(PEERS, { workerData: { role, payloadBytes: PAYLOAD_BYTES } });
    this.worker.on('message', (m: Message) => {
      this.inbox.push(m);
      this.waiter?.();
    });
  }

  /** The next message of `type`; a peer error rejects. */
  async next(type: string): Promise<Message> {
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const [m] = this.inbox.splice(i, 1) as [Message];
        if (m.type === 'error') throw new Error(`TLS peer failed: ${String(m.message)}`);
        return m;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  post(message: unknown): void {
    this.worker.postMessage(message);
  }
}

interface Peers {
  server: Peer;
  client: Peer;
  port: number;
}

export default defineSuite({
  name: 'tls',
  bench: {
    'transfer 1MB': {
      minSamples: 20,
      setup: async (): Promise<Peers> => {
        const server = new Peer('server');
        const client = new Peer('client');
        const { port } = await server.next('listening');
        await client.next('ready');
        return { server, client, port: port as number };
      },
      fn: async ({ server, client, port }: Peers, t: RegionTimer) => {
        client.post({ type: 'connect', port });
        await client.next('connected'); // handshake done: session established
        const received = server.next('received');
        t.start();
        client.post({ type: 'send' });
        await received;
        t.end();
      },
      teardown: async ({ server, client }: Peers) => {
        client.post({ type: 'close' });
        server.post('close');
        await Promise.all([once(client.worker, 'exit'), once(server.worker, 'exit')]);
      },
    },
  },
});
