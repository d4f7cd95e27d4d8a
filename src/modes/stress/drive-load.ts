// The load generator's loop, small and dumb (STYLE habit 6): send, read the
// clock, record. Closed model: `concurrency` clients, each sending its next
// request when the previous one is answered (latency = service time). Open
// model: requests are due at a rate (ramping linearly), and each one's latency
// counts from when it was *due*, not from when it could be sent — so a
// stalled target shows up in the tail instead of quietly slowing the sender
// (no coordinated omission).
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { ClosedLoad, OpenLoad } from '../../engine/suite/stress-schema.js';
import type { LatencyRecorder } from './latency-recorder.js';
import { errorKind, type Target } from './target.js';

export interface DriveOptions {
  load: ClosedLoad | OpenLoad;
  durationMs: number;
  /** After the duration, requests still in flight get this long to finish before they count as `unfinished`, ms. */
  drainMs: number;
  signal?: AbortSignal;
}

/** Default cap on requests in flight in the open model. */
export const MAX_IN_FLIGHT = 10_000;
/** A client that never waits for I/O (a synchronous function) yields this often, ms, so timers and heartbeats run. */
const YIELD_EVERY_MS = 10;

export async function driveLoad(target: Target, recorder: LatencyRecorder, options: DriveOptions): Promise<void> {
  const end = performance.now() + options.durationMs;
  const inFlight = new Set<Promise<void>>();
  const stopped = () => options.signal?.aborted === true || performance.now() >= end;

  if ('concurrency' in options.load) {
    const client = async (id: number): Promise<void> => {
      let lastYield = performance.now();
      while (!stopped()) {
        const start = performance.now();
        try {
          await target.send(id);
          recorder.ok(performance.now() - start);
        } catch (error) {
          recorder.failed(errorKind(error));
        }
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToLoop();
          lastYield = performance.now();
        }
      }
    };
    let running = options.load.concurrency;
    const clients = Array.from({ length: running }, (_, id) => client(id).finally(() => running--));
    // A client whose request never comes back (no reply, a promise that never settles) must not hold the run.
    const settled = await settleWithin(Promise.all(clients), options.durationMs + options.drainMs);
    if (!settled) for (let i = 0; i < running; i++) recorder.failed('unfinished');
    return;
  }

  const { rate, rampTo = rate, maxInFlight = MAX_IN_FLIGHT } = options.load;
  const start = performance.now();
  const rateAt = (elapsedMs: number): number => rate + ((rampTo - rate) * Math.min(1, elapsedMs / options.durationMs));
  let due = start;
  let arrival = 0;
  while (!stopped()) {
    const now = performance.now();
    // Everything due by now goes out now, each stamped with its own due time.
    while (due <= now && due < end) {
      const intended = due;
      due += 1000 / rateAt(due - start);
      if (inFlight.size >= maxInFlight) {
        recorder.failed('overload');
        continue;
      }
      const request = target.send(arrival++).then(
        () => recorder.ok(performance.now() - intended),
        (error: unknown) => recorder.failed(errorKind(error)),
      );
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
    // Timers have ~1 ms granularity: a request goes out up to ~1 ms after it
    // was due, and that lag counts in its latency (docs/stress.md says so).
    await sleep(1);
  }
  await drain(inFlight, recorder, options.drainMs);
}

async function drain(inFlight: Set<Promise<void>>, recorder: LatencyRecorder, drainMs: number): Promise<void> {
  if (inFlight.size === 0) return;
  if (!(await settleWithin(Promise.all(inFlight), drainMs))) for (let i = 0; i < inFlight.size; i++) recorder.failed('unfinished');
}

/** True when `promise` settles within `ms`; the timer never outlives the answer. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  const late = sleep(ms, false, { signal: timer.signal }).catch(() => false);
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    timer.abort();
  }
}
