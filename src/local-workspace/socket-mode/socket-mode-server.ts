import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ChangeSignal } from '../change-signal.js';
import { LocalWorkspaceError, LocalWorkspaceErrorCode } from '../errors.js';
import type { IdSource } from '../ids.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** Slack pings each connection; @slack/socket-mode disconnects if a ping is 30 s late once it has seen one. */
const SERVER_PING_INTERVAL_MS = 10_000;

interface PendingAck {
  resolve(payload: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The Socket Mode side of Slack: one-time tickets from apps.connections.open,
 * the WebSocket at /socket, the `hello` on connect, envelopes out and acks
 * back. https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export class SocketModeServer {
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly #tickets = new Set<string>();
  /** Open connections, oldest first; envelopes go to the newest. */
  #sockets: WebSocket[] = [];
  readonly #pending = new Map<string, PendingAck>();
  readonly #pinger: NodeJS.Timeout;

  constructor(
    private readonly deps: { appId: string; ids: IdSource; changes: ChangeSignal; ackTimeoutMs: number },
  ) {
    this.#pinger = setInterval(() => {
      for (const socket of this.#sockets) socket.ping();
    }, SERVER_PING_INTERVAL_MS).unref();
  }

  get connectionCount(): number {
    return this.#open().length;
  }

  /** A ticket for one connection (apps.connections.open returns `…/socket?ticket=…`). */
  issueTicket(): string {
    const ticket = this.deps.ids.secret();
    this.#tickets.add(ticket);
    return ticket;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = new URL(request.url ?? '/', 'http://local').searchParams.get('ticket') ?? '';
    if (!this.#tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /**
   * Sends an envelope to the app and resolves with its ack's payload (`{}`
   * when the ack had none). Rejects at once when no app is connected, as
   * Slack answers `dispatch_failed`, and after ackTimeoutMs without an ack.
   */
  deliver(type: EnvelopeType, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const socket = this.#open().at(-1);
    if (!socket) {
      return Promise.reject(new LocalWorkspaceError(LocalWorkspaceErrorCode.DispatchFailed, 'dispatch_failed: no app is connected over Socket Mode'));
    }
    const envelopeId = this.deps.ids.envelope();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(envelopeId);
        reject(new LocalWorkspaceError(LocalWorkspaceErrorCode.AckTimeout, `operation_timeout: the app did not ack the ${type} envelope within ${this.deps.ackTimeoutMs} ms`));
      }, this.deps.ackTimeoutMs);
      this.#pending.set(envelopeId, { resolve, reject, timer });
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      };
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Closes every connection abruptly (no close frame), as a network failure would. */
  dropAll(): void {
    for (const socket of this.#sockets) socket.terminate();
  }

  close(): void {
    clearInterval(this.#pinger);
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new LocalWorkspaceError(LocalWorkspaceErrorCode.Stopped, 'the local workspace stopped'));
    }
    this.#pending.clear();
    this.dropAll();
    this.#wss.close();
  }

  /** A terminated socket stays in the list until its 'close' event; never send to it. */
  #open(): WebSocket[] {
    return this.#sockets.filter((s) => s.readyState === WebSocket.OPEN);
  }

  #accept(ws: WebSocket): void {
    this.#sockets.push(ws);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => {
      this.#sockets = this.#sockets.filter((s) => s !== ws);
      this.deps.changes.notify();
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#sockets.length,
        debug_info: { host: 'local-workspace', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.deps.appId },
      }),
    );
    this.deps.changes.notify();
  }

  /** Acks: `{ envelope_id, payload? }`. Anything else is ignored, as Slack does. */
  #onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    const pending = typeof envelopeId === 'string' ? this.#pending.get(envelopeId) : undefined;
    if (!pending || typeof envelopeId !== 'string') return;
    this.#pending.delete(envelopeId);
    clearTimeout(pending.timer);
    pending.resolve(typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {});
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
