// POST /api/v1/results: a CI machine's comparison, pushed by
// `perflab ci --push`. Checked in order of cost: the token (constant time),
// the size, the JSON, the schema; only then stored.
//
// A push may be retried by the client after a timeout although the server
// stored it; the client sends the same `pushId` on every try, and a push id
// seen recently answers with the run it already made instead of a second one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BoundedMap } from './bounded-map.js';
import { constantTimeEqual } from '../engine/secret/constant-time-equal.js';
import { reply, replyError, replyTooLarge } from './http-reply.js';
import { readLimitedBody } from './read-limited-body.js';
import { readResultsPayload, type ResultsPayload } from '../lab/jobs/results-payload.js';

export interface Ingested {
  runId: string;
  alerts: string[];
}

export interface ResultsRoute {
  token: string;
  maxBodyBytes: number;
  onResults: (payload: ResultsPayload, actor: string) => Promise<Ingested>;
  log: (message: string) => void;
  /** Recent push ids and what storing them gave (or is giving). */
  pushes: BoundedMap<Promise<Ingested>>;
}

const BEARER = /^Bearer +(\S+) *$/i;

export async function handleResults(route: ResultsRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const from = request.socket.remoteAddress ?? 'unknown';
  const given = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (!given || !constantTimeEqual(given, route.token)) {
    const reason = given ? 'the token is not valid' : 'missing "Authorization: Bearer <token>" header';
    route.log(`results refused (401) from ${from}: ${reason}`);
    return replyError(response, 401, reason, { 'www-authenticate': 'Bearer', connection: 'close' });
  }

  const read = await readLimitedBody(request, route.maxBodyBytes);
  if (!read.ok) return replyTooLarge(request, response, route.maxBodyBytes);
  let json: unknown;
  try {
    json = JSON.parse(read.body.toString('utf8'));
  } catch (error) {
    return replyError(response, 400, `body is not JSON: ${(error as Error).message}`);
  }
  const reading = readResultsPayload(json);
  if (!reading.ok) {
    route.log(`results refused (400) from ${from}: ${reading.reason}`);
    return replyError(response, 400, reading.reason);
  }

  const { payload } = reading;
  const earlier = payload.pushId ? route.pushes.get(payload.pushId) : undefined;
  if (earlier) return reply(response, 200, { ...(await earlier), duplicate: true });

  const ingesting = route.onResults(payload, `ci:${payload.machine}`);
  if (payload.pushId) route.pushes.set(payload.pushId, ingesting);
  try {
    const ingested = await ingesting;
    route.log(`results: run ${ingested.runId} from ${payload.machine} (${payload.commitA.slice(0, 12)}..${payload.commitB.slice(0, 12)}), ${ingested.alerts.length} alert(s)`);
    reply(response, 201, ingested);
  } catch (error) {
    // Nothing stored under this id: a retry must be able to try again.
    if (payload.pushId) route.pushes.delete(payload.pushId);
    throw error;
  }
}
