// fast-check seeds. A worker's task gets one fresh seed (stored before it
// starts); the worker fuzzes in chunks, and chunk k derives its seed from
// that one, so the stored seed is enough to replay any of them.
import { randomInt } from 'node:crypto';

export function newSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

/** Chunk 0 uses the task's seed; later chunks a well-mixed, non-negative 31-bit function of (seed, k). */
export function chunkSeed(seed: number, chunk: number): number {
  if (chunk === 0) return seed;
  let h = Math.imul(seed ^ Math.imul(chunk, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 1;
}
