import type { IncomingMessage } from 'node:http';
import type { ApiParams } from '../api-params.js';

/** Uploads included; Slack's own limit is far higher, but nothing perflab sends comes close. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Web API arguments from a JSON, form-encoded or multipart body (the
 * WebClient sends form-encoded, or multipart when there is binary data).
 */
export async function parseParams(contentType: string | undefined, body: Buffer): Promise<ApiParams> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (body.length === 0) return {};
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ApiParams) : {};
  }
  if (type === 'multipart/form-data') {
    const form = await multipart(contentType ?? '', body);
    const params: ApiParams = {};
    form.forEach((value, key) => {
      if (typeof value === 'string') params[key] = value;
    });
    return params;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

/** The bytes of an upload POST: the first file part of a multipart body (the WebClient's way), or the raw body. */
export async function parseUpload(contentType: string | undefined, body: Buffer): Promise<Buffer> {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return body;
  const form = await multipart(contentType ?? '', body);
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** Node's fetch Response parses multipart bodies; no parser of our own needed. */
function multipart(contentType: string, body: Buffer): Promise<FormData> {
  return new Response(body, { headers: { 'content-type': contentType } }).formData();
}
