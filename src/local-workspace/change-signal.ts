import { LocalWorkspaceError, LocalWorkspaceErrorCode } from './errors.js';

/** Tells subscribers that the workspace changed (a message, a view, a connection). */
export class ChangeSignal {
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Predicates may also read the caller's own state (errors a listener collected), which sends no signal. */
const RECHECK_MS = 20;

/**
 * Resolves with the predicate's first truthy value, checked now, after every
 * change, and every 20 ms. A predicate that throws (say, `messages()[0]!.replies`
 * before the message exists) counts as "not yet"; its last error is in the timeout's message.
 */
export function waitForChange<T>(
  signal: ChangeSignal,
  predicate: () => T | undefined | false | null,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let lastError: unknown;
    const check = (): boolean => {
      try {
        const value = predicate();
        if (value !== undefined && value !== false && value !== null) {
          resolve(value);
          return true;
        }
      } catch (error) {
        lastError = error;
      }
      return false;
    };
    if (check()) return;
    const recheck = () => {
      if (check()) done();
    };
    const unsubscribe = signal.subscribe(recheck);
    const ticker = setInterval(recheck, RECHECK_MS);
    const timer = setTimeout(() => {
      done();
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      reject(new LocalWorkspaceError(LocalWorkspaceErrorCode.WaitTimeout, `waitFor: condition not met within ${timeoutMs} ms${why}`));
    }, timeoutMs);
    function done(): void {
      clearInterval(ticker);
      clearTimeout(timer);
      unsubscribe();
    }
  });
}
