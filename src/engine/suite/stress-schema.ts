// The shape of a suite's `stress` entries, checked by `defineSuite` (DESIGN §6).
// Strings (durations, thresholds) are parsed here once so that a typo fails
// when the suite loads, naming the field; the worker parses them again.
import { z } from 'zod';
import { parseDuration } from './parse-duration.js';
import { parseThreshold } from './parse-threshold.js';

/** A server already running, on loopback (or a host in `allowHosts`). `http://`, `https://` or `ws://`. */
export interface UrlTarget {
  url: string;
}

/** A server the scenario starts in its worker and stops afterwards. */
export interface ServerTarget {
  /** Starts the server; returns where it listens and how to stop it. */
  setup: () => ServerHandle | Promise<ServerHandle>;
}

export interface ServerHandle {
  url: string;
  teardown?: () => unknown;
}

/** A function hammered at the scenario's load: each call is one request. */
export interface FunctionTarget<State = unknown> {
  setup?: () => State | Promise<State>;
  fn: (state: State) => unknown;
  teardown?: (state: State) => unknown;
}

/** Closed model: this many clients, each sending its next request when the last one is answered. */
export interface ClosedLoad {
  concurrency: number;
}

/** Open model: requests arrive at `rate` per second (ramping linearly to `rampTo`), whether or not earlier ones are answered. */
export interface OpenLoad {
  rate: number;
  rampTo?: number;
  /** Requests allowed in flight at once; an arrival beyond it counts as an `overload` error. Default 10 000. */
  maxInFlight?: number;
}

export interface HttpRequestOptions {
  /** Default GET. */
  method?: string;
  /** Appended to the target's URL. Default: the URL as it is. */
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebSocketOptions {
  /** Sent for each request; the next message received on that connection is its reply. Default "ping". */
  message?: string;
  /** Connections open at once (open model). The closed model opens one per client. Default 10. */
  connections?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each scenario has its own setup state type
export interface StressCase<State = any> {
  target: UrlTarget | ServerTarget | FunctionTarget<State>;
  load: ClosedLoad | OpenLoad;
  /** How long the load runs: `3s`, `500ms`, or ms. Default `3s`; `perflab stress --duration` overrides it. */
  duration?: string | number;
  /** Samples before this are left out of the leak slope. Default a fifth of the duration, at least 1 s. */
  warmup?: string | number;
  /** `'p99 < 200ms'`, `'errors < 0.1%'`, `'heapGrowth < 5MB/min'` … (docs/stress.md). */
  thresholds?: string[];
  http?: HttpRequestOptions;
  ws?: WebSocketOptions;
  /** Hosts besides loopback the scenario may send traffic to. Default none. */
  allowHosts?: string[];
  /** No heartbeat from the worker for this long means it is hung. Default `5s`. */
  hangTimeout?: string | number;
  /** Relative change of p99, throughput or error rate against its baseline that counts as a regression. Default 0.25. */
  regressionThreshold?: number;
}

/** The longest a scenario may run: a typo such as `30m` for `30s` should not hold the machine for hours. */
export const MAX_STRESS_DURATION_MS = 3_600_000;

const fnSchema = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');

const durationSchema = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  try {
    if (parseDuration(value) > MAX_STRESS_DURATION_MS) ctx.addIssue({ code: 'custom', message: `${value} is longer than the hour a scenario may run` });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const thresholdSchema = z.string().superRefine((value, ctx) => {
  try {
    parseThreshold(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const targetSchema = z.union(
  [
    z.object({ url: z.string().regex(/^(https?|wss?):\/\//, 'expected an http://, https:// or ws:// URL') }).strict(),
    z.object({ setup: fnSchema.optional(), fn: fnSchema, teardown: fnSchema.optional() }).strict(),
    z.object({ setup: fnSchema }).strict(),
  ],
  { error: 'expected { url }, { setup } (starts a server, returns { url, teardown }) or { fn }' },
);

const loadSchema = z.union(
  [
    z.object({ concurrency: z.number().int().min(1).max(10_000) }).strict(),
    z.object({ rate: z.number().positive().max(1_000_000), rampTo: z.number().positive().max(1_000_000).optional(), maxInFlight: z.number().int().min(1).optional() }).strict(),
  ],
  { error: 'expected { concurrency } (closed model) or { rate, rampTo? } (open model)' },
);

export const stressCaseSchema: z.ZodType<StressCase> = z
  .object({
    target: targetSchema,
    load: loadSchema,
    duration: durationSchema.optional(),
    warmup: durationSchema.optional(),
    thresholds: z.array(thresholdSchema).optional(),
    http: z
      .object({ method: z.string().regex(/^[A-Z]+$/, 'an HTTP method in capitals').optional(), path: z.string().startsWith('/').optional(), headers: z.record(z.string(), z.string()).optional(), body: z.string().optional() })
      .strict()
      .optional(),
    ws: z.object({ message: z.string().optional(), connections: z.number().int().min(1).max(10_000).optional() }).strict().optional(),
    allowHosts: z.array(z.string().min(1)).optional(),
    hangTimeout: durationSchema.optional(),
    regressionThreshold: z.number().positive().max(10).optional(),
  })
  .strict() as z.ZodType<StressCase>;
