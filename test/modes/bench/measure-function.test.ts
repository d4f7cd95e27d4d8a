import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { measureFunction } from '../../../src/modes/bench/measure-function.js';
import { resolveBenchOptions } from '../../../src/modes/bench/bench-options.js';

const quick = resolveBenchOptions('function', { timeBudgetMs: 30, minSamples: 5, warmupMs: 5 });

describe('measureFunction', () => {
  it('batches a sub-microsecond function so each sample lasts at least 100 µs', async () => {
    const m = await measureFunction({ fn: () => 1 + 1 }, quick);
    expect(m.batch).toBeGreaterThan(64);
    expect(m.samples.length).toBeGreaterThanOrEqual(5);
    expect(median(m.samples)).toBeLessThan(1_000); // the median: one sample may be preempted
  });

  it('awaits async functions and times them whole', async () => {
    const m = await measureFunction({ fn: () => sleep(5) }, quick);
    expect(m.batch).toBe(1);
    // The median: a timer is due from the event loop's cached clock, so a
    // sample whose thread was preempted just before can look ~1 ms short.
    expect(median(m.samples)).toBeGreaterThanOrEqual(4_500_000);
  });

  it('times only the marked region when the case uses t.start()/t.end()', async () => {
    const m = await measureFunction(
      {
        fn: async (_state: unknown, t: { start(): void; end(): void }) => {
          await sleep(20); // not measured
          t.start();
          await sleep(2);
          t.end();
        },
      },
      quick,
    );
    expect(m.batch).toBe(1);
    expect(median(m.samples)).toBeGreaterThanOrEqual(1_500_000); // the median, as above
    // Timing the unmarked 20 ms too would put every sample above 22 ms; one sample a loaded machine stalls must not decide.
    expect(median(m.samples)).toBeLessThan(15_000_000);
  });

  it('passes what setup returns to fn and teardown, and always tears down', async () => {
    const seen: unknown[] = [];
    await measureFunction({ setup: () => ({ n: 7 }), fn: (s: { n: number }) => seen.push(s.n), teardown: (s: { n: number }) => seen.push(`down ${s.n}`) }, quick);
    expect(seen.at(0)).toBe(7);
    expect(seen.at(-1)).toBe('down 7');

    let tornDown = false;
    await expect(measureFunction({ fn: () => { throw new Error('x'); }, teardown: () => { tornDown = true; } }, quick)).rejects.toThrow('x');
    expect(tornDown).toBe(true);
  });

  it('stops at maxSamples even when the budget is not spent', async () => {
    const m = await measureFunction({ fn: () => sleep(1) }, { ...quick, timeBudgetMs: 60_000, minSamples: 3, maxSamples: 4 });
    expect(m.samples).toHaveLength(4);
  });
});

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
