// The diff report over time for the lab's cases (DESIGN §9a): reads each
// known case's history on this machine, resolves git refs in the suites'
// checkout, and hands both to the pure `diffReport`.
//
// A read-only query rather than a job kind: it measures nothing and changes
// nothing, so the queue (ordering measurements, dedupe, resuming after a
// restart) has nothing to do for it, and a stored job per `/perflab report`
// would crowd the runs out of `/perflab status`. The scheduled digest, which
// posts to the channel, is work and will be a job kind built on this.
import { describeCheckout, resolveCommit } from '../engine/git/git.js';
import { ErrorCode, PerflabError } from '../engine/errors.js';
import { DEFAULT_DIFF_WINDOW, diffReport, type DiffCaseInput, type DiffReport } from '../engine/report/diff-report.js';
import { DEFAULT_VS_POINTS, type ResolvedVsPoint, type VsPoint } from '../engine/report/vs-point.js';
import { caseFilter } from '../engine/suite/case-filter.js';
import { caseDirections } from './case-direction.js';
import type { HistoryEntry, HistoryQuery, Store } from '../engine/store/store.js';
import type { Lab } from './lab.js';
import { reportHistory } from './report-history.js';

/**
 * The threshold every case is marked against. A case's own `threshold` lives
 * in its suite file, and reading it means loading every suite in a worker; a
 * read-only report does not, so it uses the default cases have unless their
 * suite says otherwise (bench-options.ts).
 */
export const REPORT_THRESHOLD = 0.03;

export interface LabDiffReportOptions {
  /** Points to compare with, as `parseVsPoint` reads them; refs are resolved in the suites' checkout. Default: previous, day, week, month, year. */
  vs?: readonly VsPoint[];
  /** Which known cases (`caseFilter`: a glob, or a substring of the id). Default: every case with a baseline. */
  pattern?: string;
  /** The instant `day`, `week` … count back from. Default: now. */
  now?: Date;
}

/** What a report reads: a `Lab` is one; `storeDiffReportReads` is one without a lab. */
export interface LabDiffReportReads {
  readonly suitesDir: string;
  knownCases: Lab['knownCases'];
  /** This machine's entries of the case, as `query` selects. */
  history: (caseId: string, query?: Omit<HistoryQuery, 'machine'>) => Promise<HistoryEntry[]>;
  runResults: Lab['runResults'];
}

/**
 * A report's reads straight from a store, as `Lab` does them (the cases with
 * a baseline on `machine`, that machine's history): for a process that only
 * reports (`perflab report`), which then loads no job queue and none of the
 * modules of the job kinds.
 */
export function storeDiffReportReads(store: Store, machine: string, suitesDir: string): LabDiffReportReads {
  return {
    suitesDir,
    knownCases: async () => (await store.listBaselines(machine)).map((baseline) => baseline.caseId),
    history: (caseId, query = {}) => store.history(caseId, { ...query, machine }),
    runResults: (runId) => store.runResults(runId),
  };
}

/**
 * @throws PerflabError `PERFLAB_E_UNKNOWN_REF` for a ref git does not know,
 *   `PERFLAB_E_CONFIG` for a ref when the suites are not in a git checkout.
 */
export async function labDiffReport(lab: LabDiffReportReads, options: LabDiffReportOptions = {}): Promise<DiffReport> {
  const points = options.vs && options.vs.length > 0 ? await resolvePoints(lab.suitesDir, options.vs) : DEFAULT_VS_POINTS;
  const wanted = caseFilter(options.pattern);
  const nowMs = (options.now ?? new Date()).getTime();
  const directionOf = caseDirections((runId) => lab.runResults(runId));
  const cases: DiffCaseInput[] = [];
  for (const caseId of (await lab.knownCases()).filter(wanted)) {
    // Only the runs around the points: a year of a busy case is ~18 000 entries.
    const history = await reportHistory((query) => lab.history(caseId, query), points, nowMs, DEFAULT_DIFF_WINDOW);
    cases.push({ caseId, threshold: REPORT_THRESHOLD, direction: await directionOf(caseId, history), history });
  }
  return diffReport({ now: new Date(nowMs), cases }, { points });
}

async function resolvePoints(suitesDir: string, points: readonly VsPoint[]): Promise<ResolvedVsPoint[]> {
  const checkout = points.some((p) => p.kind === 'ref') ? await describeCheckout(suitesDir) : null;
  return Promise.all(
    points.map(async (point): Promise<ResolvedVsPoint> => {
      if (point.kind !== 'ref') return point;
      if (!checkout) throw new PerflabError(ErrorCode.Config, `cannot compare with "${point.ref}": ${suitesDir} is not in a git checkout, so refs cannot be resolved`);
      return { kind: 'commit', commit: await resolveCommit(checkout.root, point.ref), ref: point.ref };
    }),
  );
}
