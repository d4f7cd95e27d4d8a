import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChangeSignal } from '../change-signal.js';

/**
 * The page's live feed (/live): the page says who it is (`{ type: 'as', user }`)
 * and gets a snapshot of what that person sees, then a new one after every
 * change, coalesced so a burst of changes sends one. No polling.
 */
export class LiveUpdates {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #viewers = new Map<WebSocket, string>();
  readonly #unsubscribe: () => void;
  #flushScheduled = false;

  constructor(
    changes: ChangeSignal,
    private readonly snapshotFor: (userId: string) => unknown,
    /** The person to show for what the page asked: that one, or a default. */
    private readonly viewerFor: (userId: string) => string,
  ) {
    this.#unsubscribe = changes.subscribe(() => this.#scheduleFlush());
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data) => {
        let message: unknown;
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        const { type, user } = (message ?? {}) as { type?: unknown; user?: unknown };
        if (type !== 'as') return;
        const viewer = this.viewerFor(typeof user === 'string' ? user : '');
        this.#viewers.set(ws, viewer);
        this.#send(ws, viewer);
      });
      ws.on('close', () => this.#viewers.delete(ws));
      ws.on('error', () => ws.terminate());
    });
  }

  close(): void {
    this.#unsubscribe();
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      for (const [ws, user] of this.#viewers) this.#send(ws, user);
    });
  }

  #send(ws: WebSocket, user: string): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(this.snapshotFor(user)));
  }
}
