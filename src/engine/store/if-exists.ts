// Reading what may not be there: a missing file or folder (ENOENT) is an
// answer, `undefined`; any other failure is still an error.

/** What `read` returns, or undefined when what it reads does not exist (ENOENT); other errors pass through. */
export function ifExists<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    return undefinedIfMissing(error);
  }
}

/** `ifExists` for an asynchronous read. */
export function ifExistsAsync<T>(read: () => Promise<T>): Promise<T | undefined> {
  return read().catch(undefinedIfMissing);
}

/** True when `error` says the file or folder does not exist. */
export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function undefinedIfMissing(error: unknown): undefined {
  if (isMissing(error)) return undefined;
  throw error;
}
