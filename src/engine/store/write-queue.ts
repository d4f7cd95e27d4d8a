// The store's one writer: every write is a step on one promise chain, so two
// calls never interleave their read-modify-write, even when the caller does
// not await the first before starting the second.

export interface WriteQueue {
  /** Runs `step` after every step queued before it; a failed step does not stop the queue. */
  run<T>(step: () => Promise<T>): Promise<T>;
  /** Resolves once every step queued so far has settled. */
  drain(): Promise<void>;
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(step: () => Promise<T>): Promise<T> {
      const result = tail.then(step);
      tail = result.catch(() => undefined);
      return result;
    },
    drain(): Promise<void> {
      return tail.then(() => undefined);
    },
  };
}
