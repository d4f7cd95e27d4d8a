// A request body, read up to a size limit. Over the limit, nothing more is
// kept: the caller answers 413 and closes the connection.
import type { IncomingMessage } from 'node:http';

export type BodyReading = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' };

export async function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<BodyReading> {
  // Refuse a declared oversize body before reading a byte of it.
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping the bytes but keep reading (discarding) them, so the
      // client can read the 413 instead of seeing its upload reset.
      request.off('data', onData);
      request.resume();
      resolve({ ok: false, reason: 'too-large' });
    };
    request.on('data', onData);
    request.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    request.once('error', reject);
  });
}
