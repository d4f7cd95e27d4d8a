// The machine API over real HTTP on 127.0.0.1, with a real store on a temp dir.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/http/http-server.js';
import type { PushEvent } from '../../src/triggers/webhook/push-delivery.js';
import { decodeSamples } from '../../src/engine/stats/index.js';
import type { Store } from '../../src/engine/store/store.js';
import { useTempStore } from '../helpers/temp-store.js';
import { bodyFor, SECRET, signedHeaders } from './push-fixtures.js';
import { ingestInto, resultsPayload } from './results-fixtures.js';

const TOKEN = 'api-token-for-tests-0123456789';
const LIMIT = 64 * 1024; // bytes

const temp = useTempStore('perflab-api-store-');
let store: Store;
let server: ApiServer;
let pushes: PushEvent[];
let logged: string[];
let failNextPush: boolean;

beforeEach(async () => {
  store = temp.store;
  pushes = [];
  logged = [];
  failNextPush = false;
  server = await startApiServer({
    port: 0,
    webhookSecret: SECRET,
    apiToken: TOKEN,
    maxBodyBytes: LIMIT,
    onPush: (push) => {
      if (failNextPush) {
        failNextPush = false;
        throw new Error('queue unavailable');
      }
      pushes.push(push);
    },
    onResults: ingestInto(store),
    log: (line) => logged.push(line),
  });
});

afterEach(async () => {
  await server.close();
});

function postResults(body: unknown, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${server.url}/api/v1/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function postWebhook(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/webhook`, { method: 'POST', headers, body });
}

describe('the API server', () => {
  it('answers the health check', async () => {
    const r = await fetch(`${server.url}/api/v1/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    expect((await fetch(`${server.url}/api/v2/results`)).status).toBe(404);
    const r = await fetch(`${server.url}/api/v1/results`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('turns off a route whose secret is not configured', async () => {
    const bare = await startApiServer({ port: 0, onPush: () => {}, onResults: () => Promise.reject(new Error('unused')), log: () => {} });
    try {
      expect((await fetch(`${bare.url}/webhook`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`${bare.url}/api/v1/results`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('POST /api/v1/results', () => {
  it('refuses a request without a token with 401, and logs the refusal', async () => {
    const r = await postResults(resultsPayload(), null);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect(logged.join('\n')).toContain('results refused (401)');
  });

  it('refuses a wrong token with 401 and never logs or echoes it', async () => {
    const wrong = 'wrong-token-that-must-not-leak';
    const r = await postResults(resultsPayload(), wrong);
    expect(r.status).toBe(401);
    expect(await r.text()).not.toContain(wrong);
    expect(logged.join('\n')).not.toContain(wrong);
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('refuses a payload with a bad field with 400 naming the field', async () => {
    const payload = resultsPayload();
    const bad = { ...payload, comparisons: [{ ...payload.comparisons[0], verdict: 'slower' }] };
    const r = await postResults(bad);
    expect(r.status).toBe(400);
    expect((await r.json()) as { error: string }).toMatchObject({ error: expect.stringMatching(/^comparisons\.0\.verdict: /) });
  });

  it('refuses a measured comparison without its medians, naming the field', async () => {
    const payload = resultsPayload();
    const { measured: _dropped, ...withoutMedians } = payload.comparisons[0] as NonNullable<(typeof payload.comparisons)[0]>;
    const r = await postResults({ ...payload, comparisons: [withoutMedians] });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/^comparisons\.0\.measured: required when verdict is "regressed"/);
  });

  it('refuses a payload of an unknown schema version, saying which it reads', async () => {
    const r = await postResults({ ...resultsPayload(), schemaVersion: 2 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toBe('schemaVersion: this server reads version 1, got 2');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const r = await postResults('{"schemaVersion": 1,');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/^body is not JSON/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const r = await postResults('x'.repeat(LIMIT + 1));
    expect(r.status).toBe(413);
  });

  it('refuses a streamed body over the size limit with 413 (no Content-Length to go by)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const r = await fetch(`${server.url}/api/v1/results`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: stream, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(413);
  });

  it('stores the run, its results and the alerts, as if it had run them itself', async () => {
    const payload = resultsPayload();
    const r = await postResults(payload);
    expect(r.status).toBe(201);
    const { runId, alerts } = (await r.json()) as { runId: string; alerts: string[] };

    const run = (await store.getRun(runId));
    expect(run).toMatchObject({ mode: 'bench', commit: payload.commitB, machine: 'ci-linux-1', trigger: { kind: 'ci', by: 'ci:ci-linux-1' }, environment: 'ok' });
    expect(run?.finishedAt).not.toBeNull();

    const results = await store.runResults(runId);
    expect(results.map((x) => [x.result.caseId, x.result.state, x.comparison?.verdict])).toEqual([
      ['json/parse 1MB', 'ok', 'regressed'],
      ['json/stringify', 'ok', 'unchanged'],
      ['json/broken', 'errored', 'errored'],
    ]);
    const regressed = results[0]?.result;
    if (regressed?.state !== 'ok') throw new Error('expected a measured result');
    expect(regressed.summary).toMatchObject({ n: 10, unit: 'ns', direction: 'lower', min: 3000 });
    expect([...decodeSamples(regressed.samples)]).toEqual(payload.comparisons[0]?.measured?.candidate);
    expect(results.every((x) => !x.inWindow)).toBe(true);

    expect(alerts).toEqual([`${runId}-regression`, `${runId}-suite-error`]);
    expect((await store.getAlert(`${runId}-regression`))).toMatchObject({ kind: 'regression', caseIds: ['json/parse 1MB'], state: 'open', commit: payload.commitB });
    expect((await store.getAlert(`${runId}-suite-error`))).toMatchObject({ kind: 'suite-error', caseIds: ['json/broken'] });
    expect((await store.listAudit({ limit: 1 }))[0]).toMatchObject({ actor: 'ci:ci-linux-1', action: 'ci.push', args: { runId, commitB: payload.commitB } });
  });

  it('stores a retried push (same pushId) once and answers with the run it made', async () => {
    const payload = resultsPayload({ pushId: 'push-0001-abcdef' });
    const first = (await (await postResults(payload)).json()) as { runId: string };
    const before = (await store.listRuns()).length;
    const again = await postResults(payload);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ runId: first.runId, duplicate: true });
    expect((await store.listRuns())).toHaveLength(before);
  });
});

describe('POST /webhook', () => {
  it('accepts a signed push with 202 and hands it over', async () => {
    const body = bodyFor('github');
    const r = await postWebhook(body, signedHeaders('github', body, { delivery: 'd-1' }));
    expect(r.status).toBe(202);
    await expect.poll(() => pushes.length).toBe(1);
    expect(pushes[0]).toMatchObject({ provider: 'github', branch: 'main', deliveryId: 'd-1' });
  });

  it('does nothing for a replayed delivery: answers duplicate, hands it over once', async () => {
    const body = bodyFor('gitea');
    const headers = signedHeaders('gitea', body, { delivery: 'd-2' });
    expect((await postWebhook(body, headers)).status).toBe(202);
    const replay = await postWebhook(body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    await expect.poll(() => pushes.length).toBe(1);
  });

  it('refuses a bad signature with 401 and logs it, without the secret', async () => {
    const body = bodyFor('github');
    const r = await postWebhook(body, signedHeaders('github', body, { secret: 'guessed' }));
    expect(r.status).toBe(401);
    expect(logged.some((line) => line.startsWith('webhook refused (401)'))).toBe(true);
    expect(logged.join('\n')).not.toContain(SECRET);
    expect(pushes).toEqual([]);
  });

  it('refuses a GitLab delivery with a wrong token and logs it, without either token', async () => {
    const body = bodyFor('gitlab');
    const r = await postWebhook(body, signedHeaders('gitlab', body, { secret: 'guessed-token' }));
    expect(r.status).toBe(401);
    expect(logged.join('\n')).not.toMatch(/guessed-token|webhook-secret-for-tests/);
  });

  it('refuses malformed JSON with a valid signature with 400', async () => {
    const body = 'not json at all';
    expect((await postWebhook(body, signedHeaders('github', body))).status).toBe(400);
    expect(pushes).toEqual([]);
  });

  it('acknowledges a ping with 202 and hands nothing over', async () => {
    const body = JSON.stringify({ zen: 'Design for failure.' });
    const r = await postWebhook(body, signedHeaders('github', body, { event: 'ping' }));
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ ignored: 'ping received: the webhook is set up' });
    expect(pushes).toEqual([]);
  });

  it('lets a redelivery through when handing the first one over failed', async () => {
    failNextPush = true;
    const body = bodyFor('gitlab');
    const headers = signedHeaders('gitlab', body, { delivery: 'd-3' });
    expect((await postWebhook(body, headers)).status).toBe(202);
    await expect.poll(() => logged.some((l) => l.includes('handling delivery d-3 failed'))).toBe(true);
    expect((await postWebhook(body, headers)).status).toBe(202);
    await expect.poll(() => pushes.length).toBe(1);
  });
});
