// The measurement loop for function cases: warm up, calibrate a batch size
// for sub-microsecond functions, then sample until the time budget and the
// minimum sample count are both met. It reads the clock, runs, and pushes
// numbers; statistics come afterwards (engine/stats).
import type { FunctionCase, RegionTimer } from '../../engine/suite/define-suite.js';
import type { ResolvedBenchOptions } from './bench-options.js';

// Captured at load so a suite that replaces them cannot skew the harness.
const now = process.hrtime.bigint.bind(process.hrtime);

/** A batch is sized so one sample takes at least this long: timer overhead stays well under 1%. */
const MIN_SAMPLE_NS = 100_000;
const MAX_BATCH = 1 << 20;

export interface FunctionMeasurement {
  /** ns per operation, one value per sample. */
  samples: number[];
  /** Operations per sample. 1 when the case marks its own region. */
  batch: number;
}

export class RegionError extends Error {}

export async function measureFunction(
  fnCase: FunctionCase<unknown>,
  options: ResolvedBenchOptions,
): Promise<FunctionMeasurement> {
  const state = fnCase.setup ? await fnCase.setup() : undefined;
  try {
    const region = new Region();
    const call = await makeCall(fnCase, state, region);

    // Warm-up, and learn whether the case times its own region.
    const warmupEnd = now() + BigInt(Math.round(options.warmupMs * 1e6));
    let perCall = await timeOne(call, region);
    while (now() < warmupEnd) perCall = await timeOne(call, region);

    const batch = region.used ? 1 : calibrate(perCall);
    const samples: number[] = [];
    const budgetEnd = now() + BigInt(Math.round(options.timeBudgetMs * 1e6));
    while (samples.length < options.maxSamples && (samples.length < options.minSamples || now() < budgetEnd)) {
      if (region.used) {
        await call();
        samples.push(region.take());
      } else {
        const t0 = now();
        for (let i = 0; i < batch; i++) await call();
        samples.push(Number(now() - t0) / batch);
      }
    }
    return { samples, batch };
  } finally {
    if (fnCase.teardown) await fnCase.teardown(state as never);
  }
}

/** Sync functions are called without `await` in the hot loop: awaiting a non-promise still costs a microtask. */
async function makeCall(fnCase: FunctionCase<unknown>, state: unknown, region: Region): Promise<() => unknown> {
  const fn = fnCase.fn;
  const first = fn(state, region);
  if (isThenable(first)) {
    await first;
    return () => fn(state, region);
  }
  region.reset();
  return () => {
    fn(state, region);
  };
}

async function timeOne(call: () => unknown, region: Region): Promise<number> {
  const t0 = now();
  await call();
  const total = Number(now() - t0);
  return region.used ? region.take() : total;
}

function calibrate(perCallNs: number): number {
  if (perCallNs >= MIN_SAMPLE_NS) return 1;
  const wanted = Math.ceil(MIN_SAMPLE_NS / Math.max(perCallNs, 1));
  return Math.min(MAX_BATCH, 2 ** Math.ceil(Math.log2(wanted)));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** `t.start()` / `t.end()` as given to a case. */
class Region implements RegionTimer {
  used = false;
  private startedAt: bigint | null = null;
  private elapsed: number | null = null;

  start = (): void => {
    this.used = true;
    this.startedAt = now();
  };

  end = (): void => {
    const at = now();
    if (this.startedAt === null) throw new RegionError('t.end() was called without t.start()');
    this.elapsed = Number(at - this.startedAt);
    this.startedAt = null;
  };

  /** The last region's duration; a call that started a region must have ended it. */
  take(): number {
    if (this.startedAt !== null) throw new RegionError('t.start() was called but t.end() was not');
    if (this.elapsed === null) throw new RegionError('a case that uses t.start()/t.end() must call them on every call');
    const elapsed = this.elapsed;
    this.elapsed = null;
    return elapsed;
  }

  reset(): void {
    this.startedAt = null;
    this.elapsed = null;
  }
}
