// The --push client against a real HTTP server that misbehaves on purpose.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushResults, resultsEndpoint } from '../../../src/cli/push/push-results.js';
import { ciRunInfo } from '../../../src/cli/push/results-origin.js';
import { ErrorCode } from '../../../src/engine/errors.js';
import { resultsPayload } from '../../http/results-fixtures.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

/** A server answering each request with the next status in `statuses`; returns its URL and the bodies it got. */
async function scriptedServer(statuses: number[]): Promise<{ url: string; bodies: string[]; paths: string[] }> {
  const bodies: string[] = [];
  const paths: string[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      paths.push(request.url ?? '');
      const status = statuses.shift() ?? 500;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status < 300 ? { runId: 'run-1', alerts: ['run-1-regression'] } : { error: `scripted ${status}` }));
    });
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}`, bodies, paths };
}

const fast = { delaysMs: [10] };

describe('pushResults', () => {
  it('retries a 5xx answer with the same body, and returns the run', async () => {
    const target = await scriptedServer([503, 502, 201]);
    const pushed = await pushResults({ url: target.url, token: 't', payload: resultsPayload({ pushId: 'push-0002-abcdef' }), ...fast });
    expect(pushed).toEqual({ runId: 'run-1', alerts: ['run-1-regression'], duplicate: false });
    expect(target.bodies).toHaveLength(3);
    expect(new Set(target.bodies).size).toBe(1);
  });

  it('gives up after 3 tries with the last reason', async () => {
    const target = await scriptedServer([500, 500, 500, 201]);
    await expect(pushResults({ url: target.url, token: 't', payload: resultsPayload(), ...fast })).rejects.toMatchObject({
      code: ErrorCode.PushFailed,
      message: expect.stringContaining('answered 500: scripted 500'),
    });
    expect(target.bodies).toHaveLength(3);
  });

  it('does not retry a refused token, and does not repeat the token', async () => {
    const target = await scriptedServer([401, 201]);
    const error = await pushResults({ url: target.url, token: 'secret-token-xyz', payload: resultsPayload(), ...fast }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.PushRefused, message: expect.stringContaining('the server refused the token') });
    expect(String((error as Error).message)).not.toContain('secret-token-xyz');
    expect(target.bodies).toHaveLength(1);
  });

  it('does not retry a rejected payload, and says why', async () => {
    const target = await scriptedServer([400, 201]);
    await expect(pushResults({ url: target.url, token: 't', payload: resultsPayload(), ...fast })).rejects.toMatchObject({
      code: ErrorCode.PushFailed,
      message: 'the server rejected the results (400): scripted 400',
    });
    expect(target.bodies).toHaveLength(1);
  });

  it('keeps a path prefix of the server URL', async () => {
    const target = await scriptedServer([201]);
    await pushResults({ url: `${target.url}/perflab`, token: 't', payload: resultsPayload() });
    expect(target.paths).toEqual(['/perflab/api/v1/results']);
  });

  it('refuses a URL that is not http(s), without printing its credentials', () => {
    expect(() => resultsEndpoint('not a url')).toThrow(/is not a URL/);
    expect(() => resultsEndpoint('ftp://user:pw@host/')).toThrow(/"ftp:\/\/host\/" is not an http\(s\) URL/);
  });
});

describe('ciRunInfo', () => {
  it('links a GitHub Actions run', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '42' };
    expect(ciRunInfo(env)).toEqual({ provider: 'github-actions', runUrl: 'https://github.com/acme/app/actions/runs/42' });
  });

  it('names Buildbot from the variables the example step passes', () => {
    expect(ciRunInfo({ BUILDBOT_BUILD_URL: 'https://bb.example.org/#/builders/1/builds/7' })).toEqual({ provider: 'buildbot', runUrl: 'https://bb.example.org/#/builders/1/builds/7' });
  });

  it('is undefined outside a known CI', () => {
    expect(ciRunInfo({ PATH: '/usr/bin' })).toBeUndefined();
  });
});
