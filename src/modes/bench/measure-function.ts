// The measurement loop for function cases: warm up, calibrate a batch size
// for sub-microsecond functions, then sample until the time budget and the
// minimum sample count are both met. It reads the clock, runs, and pushes
// numbers; statistics come afterwards (engine/stats).
import { ErrorCode, PerflabError } from '../../engine/errors.js';
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

export class RegionError extends PerflabError {
  constructor(message: string) {
    super(ErrorCode.CaseRegion, message);
    this.name = 'RegionError';
  }
}

export async function measureFunction<State>(
  fnCase: FunctionCase<State>,
  options: ResolvedBenchOptions,
): Promise<FunctionMeasurement> {
  const state = (fnCase.setup ? await fnCase.setup() : undefined) as State;
  try {
    const region = new Region();
    const timeBatch = await makeBatchTimer(fnCase, state, region);

    // Warm-up; it also tells whether the case times its own region.
    const warmupEnd = now() + BigInt(Math.round(options.warmupMs * 1e6));
    do await timeBatch(1);
    while (now() < warmupEnd);

    const batch = region.used ? 1 : await calibrate(timeBatch);
    const samples: number[] = [];
    const budgetEnd = now() + BigInt(Math.round(options.timeBudgetMs * 1e6));
    while (samples.length < options.maxSamples && (samples.length < options.minSamples || now() < budgetEnd)) {
      const elapsed = await timeBatch(batch);
      samples.push(region.used ? region.take() : elapsed / batch);
    }
    return { samples, batch };
  } finally {
    if (fnCase.teardown) await fnCase.teardown(state);
  }
}

/**
 * Returns a function that runs the case `n` times back to back and returns
 * the elapsed ns. Sync cases are called without `await` in the loop: awaiting
 * a non-promise still costs a microtask per call.
 */
async function makeBatchTimer<State>(fnCase: FunctionCase<State>, state: State, region: Region): Promise<(n: number) => Promise<number>> {
  const fn = fnCase.fn;
  const first = fn(state, region);
  if (isThenable(first)) {
    await first;
    return async (n) => {
      const t0 = now();
      for (let i = 0; i < n; i++) await fn(state, region);
      return Number(now() - t0);
    };
  }
  return async (n) => {
    const t0 = now();
    for (let i = 0; i < n; i++) fn(state, region);
    return Number(now() - t0);
  };
}

/** Doubles the batch until one batch lasts MIN_SAMPLE_NS. */
async function calibrate(timeBatch: (n: number) => Promise<number>): Promise<number> {
  let batch = 1;
  while (batch < MAX_BATCH && (await timeBatch(batch)) < MIN_SAMPLE_NS) batch *= 2;
  return batch;
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
