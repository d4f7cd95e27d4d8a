// JSON answers of the machine API. Every failure is `{ "error": "<why>" }`.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export function replyError(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  reply(response, status, { error: message }, headers);
}

/** How long an oversize upload may go on being discarded after the 413, ms. */
const DISCARD_GRACE_MS = 2_000;

/**
 * 413, and the connection is closed. The rest of the upload is read and
 * discarded for a moment so the client sees the answer rather than a reset;
 * a client that keeps sending after that is cut off.
 */
export function replyTooLarge(request: IncomingMessage, response: ServerResponse, maxBodyBytes: number): void {
  replyError(response, 413, `request body over the limit of ${maxBodyBytes} bytes`, { connection: 'close' });
  response.once('finish', () => {
    if (!request.complete) setTimeout(() => request.destroy(), DISCARD_GRACE_MS).unref();
  });
}
