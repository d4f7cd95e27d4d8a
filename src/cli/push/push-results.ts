// The client side of POST /api/v1/results, for `perflab ci --push`. A CI
// job must not go red because the server blinked: 5xx answers and network
// errors are retried with backoff; the same body (and so the same `pushId`)
// goes every time, so a retry of a push the server did store stores nothing.
// A refused token or a rejected payload is not retried: it will not get better.
import { ErrorCode, PerflabError } from '../../engine/errors.js';
import type { ResultsPayload } from '../../lab/jobs/results-payload.js';
import { withoutCredentials } from '../../engine/secret/without-credentials.js';

export interface PushResultsOptions {
  /** The perflab server's base URL, e.g. `https://perflab.example.org`; the endpoint is `<url>/api/v1/results`. */
  url: string;
  token: string;
  payload: ResultsPayload;
  /** Tries in all. Default 3. */
  attempts?: number;
  /** Wait before each retry, ms; the last repeats. Default 1 s, then 4 s. */
  delaysMs?: readonly number[];
  /** Per try, ms. Default 30 s. */
  timeoutMs?: number;
}

export interface PushedResults {
  runId: string;
  /** Ids of the alerts the server raised. */
  alerts: string[];
  /** The server had this push already (an earlier try got through). */
  duplicate: boolean;
}

/** Throws PerflabError PushRefused (401/403: the token) or PushFailed (anything else), never with the token in it. */
export async function pushResults(options: PushResultsOptions): Promise<PushedResults> {
  const endpoint = resultsEndpoint(options.url);
  const attempts = options.attempts ?? 3;
  const delays = options.delaysMs ?? [1_000, 4_000];
  const body = JSON.stringify(options.payload);
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(delays[Math.min(attempt - 2, delays.length - 1)] ?? 0);
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      lastProblem = `could not reach ${shown(endpoint)}: ${networkReason(error)}`;
      continue;
    }
    const answer = await response.text();
    if (response.ok) return readAnswer(answer);
    const why = serverReason(answer) ?? response.statusText;
    if (response.status === 401 || response.status === 403) {
      throw new PerflabError(ErrorCode.PushRefused, `the server refused the token (${response.status} ${why}): check PERFLAB_TOKEN against the server's API token`);
    }
    if (response.status < 500) throw new PerflabError(ErrorCode.PushFailed, `the server rejected the results (${response.status}): ${why}`);
    lastProblem = `${shown(endpoint)} answered ${response.status}: ${why}`;
  }
  throw new PerflabError(ErrorCode.PushFailed, `results not pushed after ${attempts} tries: ${lastProblem}`);
}

/** `<url>/api/v1/results`, keeping a path prefix (a server behind `https://host/perflab/`). */
export function resultsEndpoint(url: string): URL {
  let base: URL;
  try {
    base = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new PerflabError(ErrorCode.Config, `--push: "${url}" is not a URL (expected e.g. https://perflab.example.org)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new PerflabError(ErrorCode.Config, `--push: "${shown(base)}" is not an http(s) URL`);
  return new URL('api/v1/results', base);
}

function shown(url: URL): string {
  return withoutCredentials(url).href;
}

function readAnswer(text: string): PushedResults {
  const answer = JSON.parse(text) as { runId?: unknown; alerts?: unknown; duplicate?: unknown };
  if (typeof answer.runId !== 'string') throw new PerflabError(ErrorCode.PushFailed, 'the server accepted the results but answered without a run id');
  return { runId: answer.runId, alerts: Array.isArray(answer.alerts) ? answer.alerts.map(String) : [], duplicate: answer.duplicate === true };
}

function serverReason(text: string): string | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return text.trim().slice(0, 200) || undefined;
  }
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
