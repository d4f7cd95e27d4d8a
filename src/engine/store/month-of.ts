// Every partition of the store is a calendar month in UTC, named `YYYY-MM`.

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `2024-03-07T10:00:00.000Z` → `2024-03`. Timestamps with an offset are converted to UTC first. */
export function monthOf(timestamp: string): string {
  return toUtcIso(timestamp).slice(0, 7);
}

/** The same instant as `Date#toISOString` writes it, so that string order is time order. */
export function toUtcIso(timestamp: string): string {
  // Fast path: what perflab itself writes is already in this form.
  if (UTC_ISO.test(timestamp)) return timestamp;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${JSON.stringify(timestamp)}`);
  return new Date(ms).toISOString();
}
