// Once a second, inside the stress worker: heap after a full GC, RSS,
// event-loop delay, event-loop utilization, GC pauses and active handles.
// Heap after GC is what leak detection reads: without the GC, the slope would
// measure the garbage collector's schedule, not the program's memory.
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { StressSample } from './stress-stats.js';

/** The `gc()` V8 gives scripts with --expose-gc; worker threads cannot take that flag, so it is switched on here. */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Heap objects and the memory they hold outside the heap (Buffers, ArrayBuffers): a Buffer leak is a leak too. */
function heapBytes(): number {
  const stats = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return stats.used_heap_size + (stats.external_memory ?? 0);
}

export class ProcessSampler {
  readonly samples: StressSample[] = [];
  readonly #gc = exposeGc();
  readonly #loopDelay = monitorEventLoopDelay({ resolution: 10 });
  readonly #observer: PerformanceObserver;
  #start = performance.now();
  #elu: EventLoopUtilization = performance.eventLoopUtilization();
  #gcPauses: number[] = [];
  /** While the sampler's own GC runs, pauses are not the program's. */
  #ownGc: [number, number] | null = null;

  constructor() {
    this.#loopDelay.enable();
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (this.#ownGc && entry.startTime >= this.#ownGc[0] && entry.startTime <= this.#ownGc[1]) continue;
        this.#gcPauses.push(entry.duration);
      }
    });
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  /** Forgets the samples so far and counts time from now (the start of the load). */
  restart(): void {
    this.samples.length = 0;
    this.#start = performance.now();
  }

  get gcAvailable(): boolean {
    return this.#gc !== undefined;
  }

  /** Takes one sample now. */
  sample(): StressSample {
    const gcStart = performance.now();
    this.#gc?.();
    this.#ownGc = [gcStart, performance.now()];
    const elu = performance.eventLoopUtilization(this.#elu);
    this.#elu = performance.eventLoopUtilization();
    const pauses = this.#gcPauses.splice(0);
    const sample: StressSample = {
      atMs: Math.round(gcStart - this.#start),
      heapBytes: heapBytes(),
      rssBytes: process.memoryUsage.rss(),
      loopDelayP99Ms: this.#loopDelay.count > 0 ? this.#loopDelay.percentile(99) / 1e6 : 0,
      loopDelayMaxMs: this.#loopDelay.count > 0 ? this.#loopDelay.max / 1e6 : 0,
      elu: elu.utilization,
      gcPauseMs: pauses.reduce((a, b) => a + b, 0),
      gcMaxPauseMs: Math.max(0, ...pauses),
      handles: process.getActiveResourcesInfo().length,
    };
    this.#loopDelay.reset();
    this.samples.push(sample);
    return sample;
  }

  stop(): void {
    this.#loopDelay.disable();
    this.#observer.disconnect();
  }
}
