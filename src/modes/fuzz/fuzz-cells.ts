// A few integers a fuzz worker shares with the main thread through a
// SharedArrayBuffer. The main thread can read them while the worker is stuck
// in synchronous code — which is exactly when it needs them: to see that an
// input hangs, and which input it was (chunk seed + index = a replayable path).
// Writing them costs two atomic adds per input, nothing is posted.

const enum Cell {
  /** Moves whenever an input starts or ends: a heartbeat that stops when an input hangs. */
  Beat,
  /** 0 between inputs, 1 generating a value, 2 checking one. */
  Phase,
  /** 1 once fast-check started shrinking a failure in this chunk. */
  Shrinking,
  /** Index of the last value generated in the current chunk (fast-check's run id). */
  Index,
  Chunk,
  /** fast-check seed of the current chunk. */
  Seed,
  /** Values generated, all chunks. */
  Inputs,
  /** Predicate calls, all chunks, shrinking included. */
  Executions,
  /** 1 when the predicate is async. */
  Async,
  /** Set by the main thread: finish the current chunk and report. */
  Stop,
}

const CELLS = 10;

export type Phase = 'idle' | 'generating' | 'checking';

/** What the main thread reads. */
export interface CellsSnapshot {
  beat: number;
  phase: Phase;
  shrinking: boolean;
  index: number;
  chunk: number;
  seed: number;
  inputs: number;
  executions: number;
  async: boolean;
}

export function newCells(): SharedArrayBuffer {
  return new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT);
}

/** The worker's side: written around every input. */
export class CellsWriter {
  readonly #a: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.#a = new Int32Array(buffer);
  }

  beginChunk(chunk: number, seed: number, async: boolean): void {
    Atomics.store(this.#a, Cell.Chunk, chunk);
    Atomics.store(this.#a, Cell.Seed, seed);
    Atomics.store(this.#a, Cell.Shrinking, 0);
    Atomics.store(this.#a, Cell.Index, -1);
    Atomics.store(this.#a, Cell.Async, async ? 1 : 0);
  }

  enter(phase: 'generating' | 'checking'): void {
    Atomics.store(this.#a, Cell.Phase, phase === 'generating' ? 1 : 2);
    Atomics.add(this.#a, Cell.Beat, 1);
    if (phase === 'checking') Atomics.add(this.#a, Cell.Executions, 1);
  }

  /** After a value was generated: `index` is its run id in the chunk. */
  generated(index: number): void {
    Atomics.store(this.#a, Cell.Index, index);
    Atomics.add(this.#a, Cell.Inputs, 1);
    this.leave();
  }

  leave(): void {
    Atomics.store(this.#a, Cell.Phase, 0);
    Atomics.add(this.#a, Cell.Beat, 1);
  }

  shrinking(): void {
    Atomics.store(this.#a, Cell.Shrinking, 1);
  }

  stopRequested(): boolean {
    return Atomics.load(this.#a, Cell.Stop) === 1;
  }

  counts(): { inputs: number; executions: number } {
    return { inputs: Atomics.load(this.#a, Cell.Inputs), executions: Atomics.load(this.#a, Cell.Executions) };
  }
}

/** The main thread's side. */
export function readCells(buffer: SharedArrayBuffer): CellsSnapshot {
  const a = new Int32Array(buffer);
  const phase = Atomics.load(a, Cell.Phase);
  return {
    beat: Atomics.load(a, Cell.Beat),
    phase: phase === 1 ? 'generating' : phase === 2 ? 'checking' : 'idle',
    shrinking: Atomics.load(a, Cell.Shrinking) === 1,
    index: Atomics.load(a, Cell.Index),
    chunk: Atomics.load(a, Cell.Chunk),
    seed: Atomics.load(a, Cell.Seed),
    inputs: Atomics.load(a, Cell.Inputs),
    executions: Atomics.load(a, Cell.Executions),
    async: Atomics.load(a, Cell.Async) === 1,
  };
}

export function requestStop(buffer: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(buffer), Cell.Stop, 1);
}
