// The points in time a diff report compares the latest result with (DESIGN
// §9a), as people write them on the command line and in Slack: `previous`,
// `day`, `week`, `month`, `year`, an ISO date or date-time, or a git ref.
//
// Parsing is pure and knows no git: a ref stays a `ref` here, the caller
// resolves it to a commit (`resolveCommit`) and hands the report a `commit`
// point. Words win over refs, and date shapes win over refs (a branch called
// `week` or a tag called `2025-01-01` is reached as `refs/heads/week`,
// `refs/tags/2025-01-01`).
import { ErrorCode, PerflabError } from '../errors.js';

const DAY = 86_400_000; // ms

/** Fixed lengths, so that a report's points can be recomputed from its JSON: a month is 30 days, a year 365. */
const AGO: Record<string, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };

export type VsPoint =
  /** The ok run just before the latest one. */
  | { kind: 'previous' }
  /** `ms` before the report's `now`; `label` is the word that asked for it (`day`, `week` …). */
  | { kind: 'ago'; label: string; ms: number }
  /** A fixed instant; `at` is UTC ISO, `label` the text as written. */
  | { kind: 'date'; at: string; label: string }
  /** A git ref, to be resolved to a commit by the caller. */
  | { kind: 'ref'; ref: string };

/** A point the report can use: a ref resolved to its full commit SHA; `ref` is kept for labels. */
export type ResolvedVsPoint = Exclude<VsPoint, { kind: 'ref' }> | { kind: 'commit'; commit: string; ref?: string };

/** The five comparisons a diff report makes unless told otherwise: previous, day, week, month, year. */
export const DEFAULT_VS_POINTS: readonly ResolvedVsPoint[] = Object.freeze([
  { kind: 'previous' },
  ...Object.entries(AGO).map(([label, ms]): ResolvedVsPoint => ({ kind: 'ago', label, ms })),
]);

export const VS_POINT_FORMS = 'previous, day, week, month, year, an ISO date (2025-03-01) or date-time (2025-03-01T12:00Z), or a git ref (main, v1.2.0, a1b2c3d)';

export class VsPointParseError extends PerflabError {
  constructor(text: string, reason: string) {
    super(ErrorCode.Config, `cannot compare with ${JSON.stringify(text)}: ${reason}; use ${VS_POINT_FORMS}`);
    this.name = 'VsPointParseError';
  }
}

// Anything that starts like a date is read as one (and must then be a real one).
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SPACE_OR_CONTROL = /[\s\u0000-\u001F\u007F]/u;

/**
 * Reads one `--vs` value. A bare date means the end of that UTC day (the
 * report compares with how things stood on that day, its runs included); a
 * date-time without an offset is UTC, like everything in the store.
 *
 * @throws VsPointParseError naming the accepted forms, for an empty value, one
 * with spaces or control characters, one starting with `-` (git would read an
 * option), or a date that does not exist.
 */
export function parseVsPoint(text: string): VsPoint {
  if (text.trim() === '') throw new VsPointParseError(text, 'it is empty');
  if (text === 'previous') return { kind: 'previous' };
  const ago = AGO[text];
  if (ago !== undefined) return { kind: 'ago', label: text, ms: ago };
  if (SPACE_OR_CONTROL.test(text)) throw new VsPointParseError(text, 'it contains spaces or control characters');
  if (DATE_SHAPE.test(text)) return { kind: 'date', at: parseIso(text), label: text };
  if (text.startsWith('-')) throw new VsPointParseError(text, 'refs cannot start with `-`');
  return { kind: 'ref', ref: text };
}

/** How a point is named in column headings and JSON: `previous`, `week`, `2025-03-01`, `main`, or a short SHA. */
export function vsPointLabel(point: VsPoint | ResolvedVsPoint): string {
  switch (point.kind) {
    case 'previous':
      return 'previous';
    case 'ago':
    case 'date':
      return point.label;
    case 'ref':
      return point.ref;
    case 'commit':
      return point.ref ?? point.commit.slice(0, 12);
  }
}

function parseIso(text: string): string {
  const m = ISO.exec(text);
  if (!m) throw new VsPointParseError(text, 'it looks like a date but is not ISO 8601 (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])');
  const [, year, month, day, hour, minute, second, zone] = m;
  // Date.parse rolls 2025-02-30 over to March; a date that does not exist is a typo.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid =
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    Number(hour ?? 0) < 24 &&
    Number(minute ?? 0) < 60 &&
    Number(second ?? 0) < 60;
  if (!valid) throw new VsPointParseError(text, 'no such date or time');
  if (hour === undefined) return new Date(calendar.getTime() + DAY - 1).toISOString();
  const ms = Date.parse(zone === undefined ? `${text}Z` : text);
  if (Number.isNaN(ms)) throw new VsPointParseError(text, 'no such date or time');
  return new Date(ms).toISOString();
}
