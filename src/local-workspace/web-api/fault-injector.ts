import type { HttpAnswer } from '../http/http-answer.js';

/** What failNext() makes the next call(s) of a method answer. */
export interface InjectedFault {
  /** HTTP status: 429 (rate limited), 500, 503… Default 200 with `ok: false` when slackError is set. */
  status?: number;
  /** Seconds for the Retry-After header; implies status 429 when status is not given. Default 1 for 429. */
  retryAfterSec?: number;
  /** Slack's error string for an `{ ok: false }` answer: 'channel_not_found', 'not_in_channel', … */
  slackError?: string;
}

/** Queues of faults per method name ('chat.postMessage', … or 'response_url'), consumed one call at a time. */
export class FaultInjector {
  readonly #queues = new Map<string, InjectedFault[]>();

  add(method: string, fault: InjectedFault, times = 1): void {
    const queue = this.#queues.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.#queues.set(method, queue);
  }

  take(method: string): InjectedFault | undefined {
    return this.#queues.get(method)?.shift();
  }
}

/** The HTTP answer Slack gives for such a failure. */
export function faultAnswer(fault: InjectedFault): HttpAnswer {
  const status = fault.status ?? (fault.retryAfterSec !== undefined ? 429 : 200);
  if (status === 429) {
    return {
      status,
      headers: { 'retry-after': String(fault.retryAfterSec ?? 1) },
      body: { ok: false, error: fault.slackError ?? 'ratelimited' },
    };
  }
  return { status, body: { ok: false, error: fault.slackError ?? (status === 200 ? 'fatal_error' : 'internal_error') } };
}
