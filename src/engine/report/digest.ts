// The weekly digest (DESIGN §9a): the diff report against a week, a month and
// a year ago, cut to the cases that moved — a regressed or improved cell —
// biggest change first. Pure: the caller makes the report (`diffReport`
// with `DIGEST_POINTS`) and posts or prints what this returns.
import type { DiffReport } from './diff-report.js';
import { parseVsPoint, type VsPoint } from './vs-point.js';

/** A week, a month and a year ago: what a digest compares the latest results with. */
export const DIGEST_POINTS: readonly VsPoint[] = Object.freeze(['week', 'month', 'year'].map(parseVsPoint));

/** Movers listed at most, unless told otherwise: a digest is read in a minute. */
export const DIGEST_MOVERS = 10;

export interface Digest {
  /** The instant the digest is for, UTC ISO (a schedule's tick): the points count back from it. */
  at: string;
  /** The cases it looked at (`caseFilter` pattern); null for all. */
  pattern: string | null;
  /** The report with only the movers, biggest first, at most `limit` of them. */
  report: DiffReport;
  /** Cases looked at. */
  cases: number;
  /** Cases with a regressed cell, and cases with an improved one (a case can be both: worse than last week, better than last year). */
  regressed: number;
  improved: number;
  /** Movers left out by the limit. */
  notShown: number;
}

export interface DigestOptions {
  /** Movers listed at most; default `DIGEST_MOVERS`. */
  limit?: number;
  pattern?: string;
}

export function digestOf(report: DiffReport, options: DigestOptions = {}): Digest {
  const limit = options.limit ?? DIGEST_MOVERS;
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`a digest lists at least one mover, got limit ${limit}`);
  const has = (c: DiffReport['cases'][number], mark: 'regressed' | 'improved') => c.cells.some((cell) => cell.mark === mark);
  // The report sorts marked cases first, by their largest change: the movers are its head.
  const movers = report.cases.filter((c) => has(c, 'regressed') || has(c, 'improved'));
  return {
    at: report.now,
    pattern: options.pattern ?? null,
    report: { ...report, cases: movers.slice(0, limit) },
    cases: report.cases.length,
    regressed: movers.filter((c) => has(c, 'regressed')).length,
    improved: movers.filter((c) => has(c, 'improved')).length,
    notShown: Math.max(0, movers.length - limit),
  };
}

/**
 * What makes two digests the same one: the cases and the instant, to the
 * minute. A schedule's tick is the instant, so a job run again after a
 * restart, or a tick fired again by a catch-up, has the same key and is not
 * posted twice; next week's tick is another digest.
 */
export function digestKey(pattern: string | null, at: string): string {
  return `digest ${pattern ?? 'all'} ${new Date(at).toISOString().slice(0, 16)}Z`;
}

/** One line saying what moved, for a message's text and the terminal. */
export function digestHeadline(digest: Digest): string {
  const which = digest.pattern ? ` matching "${digest.pattern}"` : '';
  const against = digest.report.points.map((p) => p.label).join(', ');
  if (digest.regressed + digest.improved === 0) return `No case moved against a ${against} ago (${digest.cases} case${digest.cases === 1 ? '' : 's'}${which}).`;
  const parts = [digest.regressed > 0 ? `${digest.regressed} regressed` : '', digest.improved > 0 ? `${digest.improved} improved` : ''].filter(Boolean).join(', ');
  return `${parts} against a ${against} ago, of ${digest.cases} case${digest.cases === 1 ? '' : 's'}${which}.`;
}
